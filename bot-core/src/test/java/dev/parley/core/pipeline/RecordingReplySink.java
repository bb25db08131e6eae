package dev.parley.core.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reply sink that records every call, in order, and can be told to break on one kind of call. */
class RecordingReplySink implements ReplySink {

    enum Call { NOTICE, PROGRESS, COMPLETE, WITHDRAW }

    private final List<Notice> notices = new CopyOnWriteArrayList<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<String> completed = new CopyOnWriteArrayList<>();
    private final List<Notice> withdrawals = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Call failOn;
    private final RuntimeException failure;

    RecordingReplySink() {
        this(null, null);
    }

    private RecordingReplySink(Call failOn, RuntimeException failure) {
        this.failOn = failOn;
        this.failure = failure;
    }

    /** A sink whose platform shows the reply in the message {@code messageId}. */
    static RecordingReplySink shownIn(String messageId) {
        return new RecordingReplySink() {
            @Override
            public List<String> shownBy() {
                return List.of(messageId);
            }
        };
    }

    /** A sink whose platform is down: every call of the given kind throws. */
    static RecordingReplySink failingOn(Call call) {
        return failingOn(call, new RuntimeException("platform unavailable"));
    }

    /** A sink that throws {@code failure} on every call of the given kind. */
    static RecordingReplySink failingOn(Call call, RuntimeException failure) {
        return new RecordingReplySink(call, failure);
    }

    @Override
    public void notice(Notice notice) {
        record(Call.NOTICE);
        notices.add(notice);
    }

    @Override
    public void progress(String visibleSoFar) {
        record(Call.PROGRESS);
        progress.add(visibleSoFar);
    }

    @Override
    public void complete(String reply) {
        record(Call.COMPLETE);
        completed.add(reply);
    }

    @Override
    public void withdraw(Notice replacement) {
        record(Call.WITHDRAW);
        withdrawals.add(replacement);
    }

    private void record(Call call) {
        calls.add(call);
        if (call == failOn) {
            throw failure;
        }
    }

    List<Notice> notices() {
        return notices;
    }

    List<String> progress() {
        return progress;
    }

    List<String> completed() {
        return completed;
    }

    List<Notice> withdrawals() {
        return withdrawals;
    }

    List<Call> calls() {
        return calls;
    }
}
