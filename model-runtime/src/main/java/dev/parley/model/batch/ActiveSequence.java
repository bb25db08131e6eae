package dev.parley.model.batch;

import dev.parley.model.llamacpp.Sampler;
import dev.parley.model.llamacpp.StopReason;
import dev.parley.model.llamacpp.TokenBatch;

/**
 * A reply that holds a sequence, as the decode thread sees it: what of its prompt is decoded,
 * its next position and token, and which entries of the current batch are its own. Decode
 * thread only.
 */
final class ActiveSequence {

    private final ScheduledReply reply;
    private final int sequence;
    private final Sampler sampler;
    private final int[] prompt;
    private final int contextSize;
    private int nextPromptToken;
    private int position;
    private int lastToken;
    private int produced;
    private boolean done;
    private long lastStep;
    // this step's entries: the first prompt token added (-1: the last sampled token), how many,
    // and the batch index of the entry whose logits are sampled (-1: none)
    private int addedFrom;
    private int addedCount;
    private int logitsIndex = -1;

    ActiveSequence(ScheduledReply reply, int sequence, int kept, Sampler sampler, int contextSize) {
        this.reply = reply;
        this.sequence = sequence;
        this.sampler = sampler;
        this.prompt = reply.prompt();
        this.contextSize = contextSize;
        this.nextPromptToken = kept;
        this.position = kept;
    }

    ScheduledReply reply() {
        return reply;
    }

    int sequence() {
        return sequence;
    }

    float[] scales() {
        return reply.scales();
    }

    long lastStep() {
        return lastStep;
    }

    boolean done() {
        return done;
    }

    /** Whether its whole prompt is decoded, so each step adds one token. */
    boolean generating() {
        return nextPromptToken == prompt.length;
    }

    /**
     * Claims this step's entries: the last sampled token, or the next chunk of the prompt that fits
     * in {@code room}. A reply whose context is full stops instead. {@link #writeTo} adds them.
     *
     * @return how many entries it claimed, 0 when none
     */
    int claim(int room, long step) {
        addedCount = 0;
        logitsIndex = -1;
        if (room <= 0) {
            return 0;
        }
        lastStep = step;
        if (generating()) {
            if (position >= contextSize) {
                finish(StopReason.CONTEXT_FULL);
                return 0;
            }
            addedFrom = -1;
            addedCount = 1;
            return 1;
        }
        addedFrom = nextPromptToken;
        addedCount = Math.min(prompt.length - nextPromptToken, room);
        return addedCount;
    }

    /** Adds the entries {@link #claim} claimed this step to {@code batch}, which has room for them. */
    void writeTo(TokenBatch batch) {
        if (addedFrom < 0) {
            logitsIndex = batch.add(lastToken, position, sequence, sampler);
            return;
        }
        for (int i = 0; i < addedCount; i++) {
            int token = addedFrom + i;
            if (token == prompt.length - 1) {
                logitsIndex = batch.add(prompt[token], position + i, sequence, sampler);
            } else {
                batch.add(prompt[token], position + i, sequence, false);
            }
        }
    }

    /** Records this step's entries as decoded into the sequence. */
    void decoded(SequenceCache cache) {
        if (addedFrom < 0) {
            cache.append(sequence, lastToken);
        } else {
            cache.append(sequence, prompt, addedFrom, addedCount);
            nextPromptToken += addedCount;
        }
        position += addedCount;
    }

    /** The batch index this step sampled this sequence at, or -1 when this step gave it no logits. */
    int logitsIndex() {
        return logitsIndex;
    }

    Sampler sampler() {
        return sampler;
    }

    /** Hands a sampled token to the reader, or ends the reply at an end-of-generation token or the token limit. */
    void sampled(int token, boolean endOfGeneration) {
        if (endOfGeneration) {
            finish(StopReason.END_OF_GENERATION);
            return;
        }
        produced++;
        lastToken = token;
        reply.offer(token);
        if (produced >= reply.maxTokens()) {
            finish(StopReason.TOKEN_LIMIT);
        }
    }

    void finish(StopReason reason) {
        done = true;
        reply.finish(reason);
    }

    void fail(RuntimeException cause) {
        done = true;
        reply.fail(cause);
    }
}
