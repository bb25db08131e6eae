package dev.parley.core.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * What became of a press of <em>Regenerate</em> ({@link ChatPipeline#regenerate}): refused at
 * once, to be told to the presser alone, or taken as a question answered again.
 */
public sealed interface Regenerating {

    /** Not regenerated: {@code reason} is one line for the presser alone (not the asker, gone, already running). */
    record Refused(String reason) implements Regenerating {}

    /**
     * Answered again through the sink as a message is; {@code outcome} completes as
     * {@link ChatPipeline#handle}'s does (a rate limit or quota refusal, a withheld reply included).
     */
    record Started(CompletableFuture<Outcome> outcome) implements Regenerating {}
}
