package dev.parley.core.pipeline;

import dev.parley.core.conversation.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepted questions kept in memory: for tests and the console, where nothing outlives the
 * process anyway. Thread-safe.
 */
public final class InMemoryAcceptedQuestions implements AcceptedQuestions {

    private final Map<String, AcceptedQuestion> questions = new LinkedHashMap<>();

    @Override
    public synchronized void accepted(AcceptedQuestion question) {
        questions.put(question.id(), question);
    }

    @Override
    public synchronized void finished(String id) {
        questions.remove(id);
    }

    @Override
    public synchronized List<AcceptedQuestion> pending(Platform platform) {
        return questions.values().stream().filter(q -> q.message().location().platform() == platform).toList();
    }
}
