package dev.parley.app;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;
import java.util.ArrayList;
import java.util.List;

/** A reply sink that remembers everything it was shown, for assertions. */
class RecordingSink implements ReplySink {

    final List<Notice> notices = new ArrayList<>();
    final List<String> progress = new ArrayList<>();
    final List<String> completed = new ArrayList<>();
    final List<Notice> withdrawn = new ArrayList<>();

    @Override
    public synchronized void notice(Notice notice) {
        notices.add(notice);
    }

    @Override
    public synchronized void progress(String visibleSoFar) {
        progress.add(visibleSoFar);
    }

    @Override
    public synchronized void complete(String reply) {
        completed.add(reply);
    }

    @Override
    public synchronized void withdraw(Notice replacement) {
        withdrawn.add(replacement);
    }

    /** Everything a user could have seen of the model's words. */
    synchronized List<String> everythingShown() {
        List<String> shown = new ArrayList<>(progress);
        shown.addAll(completed);
        return shown;
    }
}
