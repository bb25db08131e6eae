package dev.parley.core.pipeline;

import dev.parley.core.conversation.Platform;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepted questions as the pipeline keeps and forgets them: a question is kept once it is
 * queued and forgotten once it is finished. The store failing costs a question its durability,
 * never its answer, so every failure here is logged (naming the message, never its text) and
 * swallowed.
 */
final class QuestionLedger {

    // logged under the pipeline's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final AcceptedQuestions questions;

    QuestionLedger(AcceptedQuestions questions) {
        this.questions = questions;
    }

    /**
     * Keeps a question just queued as {@code answer} until {@code answer} finishes it (which forgets
     * it before its outcome completes).
     */
    void keep(PendingAnswer answer, AcceptedQuestion question) {
        answer.keptId = question.id();
        try {
            questions.accepted(question);
        } catch (RuntimeException e) {
            LOG.warn("message={} could not be kept as accepted ({}); a crash now would lose it",
                    question.message().messageId(), e.getClass().getName());
            return;
        }
        if (answer.isDone()) {
            forget(question.id()); // withdrawn (a /stop) while it was being kept
        }
    }

    /** Forgets the question {@code questionId}; a failure only means a restart may answer it again. */
    void forget(String questionId) {
        try {
            questions.finished(questionId);
        } catch (RuntimeException e) {
            LOG.warn("question {} could not be forgotten ({}); a restart may answer it again",
                    questionId, e.getClass().getName());
        }
    }

    /** The questions of {@code platform} still kept, in the order they were accepted. */
    List<AcceptedQuestion> pending(Platform platform) {
        return questions.pending(platform);
    }

    /**
     * Forgets the questions of {@code platform} still kept without answering them.
     *
     * @return how many were dropped
     */
    int dropPending(Platform platform) {
        List<AcceptedQuestion> stale = questions.pending(platform);
        stale.forEach(question -> forget(question.id()));
        return stale.size();
    }
}
