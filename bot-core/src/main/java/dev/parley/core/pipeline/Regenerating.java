package dev.parley.core.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * What became of a press of <em>Regenerate</em> ({@link ChatPipeline#regenerate}): refused at
 * once, to be told to the presser alone, or taken as a question answered again.
 */
public sealed interface Regenerating {

    /** What the presser alone is told of a press that started: a new answer is coming. */
    String COMING = "Writing another answer; it will replace this one.";
    /** What the presser alone is told of a press refused by the checks a message passes (their notice is public). */
    String NOT_NOW = "No new answer this time; my reply to your question says why.";

    /**
     * The one line for the presser alone: the refusal's reason, that a new answer is coming, or,
     * where the press was refused at once as a message would be (rate limit, quota, busy), that
     * the usual notice in the chat says why.
     */
    default String presserNote() {
        return switch (this) {
            case Refused refused -> refused.reason();
            case Started started -> started.outcome().isDone()
                    && !(started.outcome().getNow(null) instanceof Outcome.Answered) ? NOT_NOW : COMING;
        };
    }

    /** Not regenerated: {@code reason} is one line for the presser alone (not the asker, gone, already running). */
    record Refused(String reason) implements Regenerating {}

    /**
     * Answered again through the sink as a message is; {@code outcome} completes as
     * {@link ChatPipeline#handle}'s does (a rate limit or quota refusal, a withheld reply included).
     */
    record Started(CompletableFuture<Outcome> outcome) implements Regenerating {}
}
