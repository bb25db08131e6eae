package dev.parley.core.reply;

import dev.parley.core.ratelimit.SendResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A platform for tests: records each call, keeps the messages it shows, and answers with the
 * results a test lined up ({@link #answerNext}) before answering "sent".
 */
final class RecordingMessages implements ReplyMessages {

    /** One call the engine made. */
    record Call(String kind, String id, String text) {}

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, String> chat = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private final Queue<Object> answers = new ArrayDeque<>();
    private int nextId = 100;

    /** The next call gets {@code result} (or throws it, when it is a runtime exception). */
    synchronized RecordingMessages answerNext(Object result) {
        answers.add(result);
        return this;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The reply's messages the chat shows now, by id, in posting order. */
    synchronized Map<String, String> chat() {
        return Map.copyOf(chat);
    }

    synchronized List<String> chatTexts() {
        return List.copyOf(chat.values());
    }

    synchronized List<String> notices() {
        return List.copyOf(notices);
    }

    @Override
    public synchronized PostResult post(String text, boolean answersUser) {
        calls.add(new Call(answersUser ? "post-answering" : "post", "", text));
        SendResult result = next();
        if (!(result instanceof SendResult.Sent)) {
            return PostResult.notPosted(result);
        }
        String id = String.valueOf(nextId++);
        chat.put(id, text);
        return PostResult.posted(id);
    }

    @Override
    public synchronized SendResult edit(String id, String text) {
        calls.add(new Call("edit", id, text));
        SendResult result = next();
        if (result instanceof SendResult.Sent) {
            chat.replace(id, text);
        }
        return result;
    }

    @Override
    public synchronized SendResult delete(String id) {
        calls.add(new Call("delete", id, ""));
        SendResult result = next();
        if (result instanceof SendResult.Sent) {
            chat.remove(id);
        }
        return result;
    }

    @Override
    public synchronized SendResult notice(String text) {
        calls.add(new Call("notice", "", text));
        SendResult result = next();
        if (result instanceof SendResult.Sent) {
            notices.add(text);
        }
        return result;
    }

    private SendResult next() {
        Object answer = answers.poll();
        if (answer instanceof RuntimeException e) {
            throw e;
        }
        return answer == null ? new SendResult.Sent() : (SendResult) answer;
    }
}
