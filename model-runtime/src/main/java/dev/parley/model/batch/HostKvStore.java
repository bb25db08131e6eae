package dev.parley.model.batch;

import dev.parley.model.llamacpp.BatchDecoder;
import dev.parley.model.llamacpp.LlamaCppException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations evicted from the context's sequences, kept in host memory: each entry is one
 * sequence's KV state as llama.cpp saves it (the positions and every layer's K and V of the cells
 * it held), keyed by the tokens it held and the adapter scales they were decoded with. A request
 * that continues a stored conversation, or opens with at least {@link SequenceCache#MIN_SHARED}
 * of its tokens (a persona's system prompt), gets the state restored into its sequence and
 * decodes only the rest. Least recently used entries go first once the entries' bytes would pass
 * the budget; an entry larger than the whole budget is not stored. Only the decode thread changes
 * it; the counters may be read from any thread. Tied to one context: dropped with it (hot swap).
 */
final class HostKvStore {

    private static final Logger log = LoggerFactory.getLogger(HostKvStore.class);

    /**
     * One stored conversation.
     *
     * @param tokens the tokens the sequence held, from position 0
     * @param turnsEnd how many of them were the turns of the prompt it last read, before the
     *     template's opening of the reply (a prompt that keeps them continues the conversation)
     * @param scales the adapter scales they were decoded with
     * @param state llama.cpp's saved state of the sequence
     */
    record Entry(int[] tokens, int turnsEnd, float[] scales, byte[] state) {

        // the token key too: it is held as long as the state
        long bytes() {
            return state.length + 4L * tokens.length;
        }
    }

    /** The stored entry that serves a prompt best, and how many of its leading tokens it serves. */
    record Match(Entry entry, int kept, boolean continues) {}

    private final BatchDecoder decoder;
    private final long budget;
    private final List<Entry> entries = new ArrayList<>(); // least recently used first
    private final AtomicLong bytesHeld = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();

    /** A store of at most {@code budget} bytes for {@code decoder}'s context; 0 stores nothing. */
    HostKvStore(BatchDecoder decoder, long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("the host cache budget must not be negative, was " + budget);
        }
        this.decoder = decoder;
        this.budget = budget;
    }

    /**
     * Saves what {@code sequence} holds (its first {@code count} tokens of {@code tokens}, decoded
     * with {@code scales}, the first {@code turnsEnd} of them its last prompt's turns) before its
     * conversation is evicted: unless the store is off, an entry
     * holds these tokens already, the state is larger than the budget, or a copy into or from the
     * sequence is pending. Never fails: a state llama.cpp cannot save is not stored.
     */
    void save(int sequence, int[] tokens, int count, int turnsEnd, float[] scales) {
        // below a system prompt's worth an entry seldom serves another request (the copy is cheap: HostStoreBenchmark)
        if (budget == 0 || count < SequenceCache.MIN_SHARED) {
            return;
        }
        int[] held = Arrays.copyOf(tokens, count);
        for (Entry entry : entries) {
            if (Arrays.equals(entry.scales(), scales) && startsWith(entry.tokens(), held)) {
                touch(entry); // nothing new: a restored conversation evicted again unchanged
                return;
            }
        }
        if (decoder.copyPending(sequence)) {
            return;
        }
        try {
            long size = decoder.stateSize(sequence);
            if (size + 4L * count > budget) {
                log.debug("a conversation of {} tokens ({} bytes of KV state) is larger than the host cache's {} bytes: not stored",
                        count, size, budget);
                return;
            }
            Entry stored = new Entry(held, Math.min(turnsEnd, count), scales, decoder.saveState(sequence));
            // entries the new one continues serve nothing it does not: those it holds all of, and
            // those whose turns it keeps (their conversation went on and parted from them in the
            // reply's opening or the reply, which no later turn renders as they hold it)
            entries.removeIf(entry -> {
                boolean superseded = Arrays.equals(entry.scales(), scales) && continues(held, entry);
                if (superseded) {
                    bytesHeld.addAndGet(-entry.bytes());
                }
                return superseded;
            });
            entries.add(stored);
            bytesHeld.addAndGet(stored.bytes());
            while (bytesHeld.get() > budget) {
                Entry oldest = entries.removeFirst();
                bytesHeld.addAndGet(-oldest.bytes());
                evictions.incrementAndGet();
            }
        } catch (LlamaCppException | IllegalArgumentException e) {
            log.warn("the KV state of an evicted conversation ({} tokens) could not be saved: {}", count, e.getMessage());
        }
    }

    /**
     * The entry with the most leading tokens of {@code prompt} (at most all but its last) under the
     * same scales, if it holds any; whether {@code prompt} continues the turns of the prompt it last
     * read (as {@link SequenceCache#take} tells a hit: the restored sequence then forgets the rest).
     */
    @Nullable Match find(int[] prompt, float[] scales) {
        Match best = null;
        for (Entry entry : entries) {
            if (!Arrays.equals(entry.scales(), scales)) {
                continue;
            }
            int limit = Math.min(entry.tokens().length, prompt.length - 1);
            int same = 0;
            while (same < limit && entry.tokens()[same] == prompt[same]) {
                same++;
            }
            if (same > 0 && (best == null || same > best.kept())) {
                best = new Match(entry, same, same >= Math.min(entry.turnsEnd(), prompt.length - 1));
            }
        }
        return best;
    }

    /**
     * Restores {@code match}'s entry into {@code sequence} and keeps its first
     * {@code match.kept()} tokens.
     *
     * @return the tokens {@code sequence} now holds from the entry: {@code match.kept()}, or 0 if
     *     llama.cpp refused the state or the memory cannot drop a suffix (then it holds nothing)
     */
    int restore(int sequence, Match match) {
        try {
            decoder.restoreState(sequence, match.entry().state());
            if (!decoder.forget(sequence, match.kept())) {
                decoder.forget(sequence, 0);
                return 0;
            }
        } catch (LlamaCppException | IllegalStateException e) {
            log.warn("a stored conversation of {} tokens could not be restored: {}", match.entry().tokens().length, e.getMessage());
            decoder.forget(sequence, 0);
            return 0;
        }
        touch(match.entry());
        hits.incrementAndGet();
        return match.kept();
    }

    /** Whether a state may be restored into {@code sequence} now. */
    boolean canRestoreInto(int sequence) {
        return budget > 0 && !decoder.copyPending(sequence);
    }

    /** Drops every entry (the context is closing). */
    void clear() {
        entries.clear();
        bytesHeld.set(0);
    }

    long hits() {
        return hits.get();
    }

    long bytesHeld() {
        return bytesHeld.get();
    }

    long evictions() {
        return evictions.get();
    }

    private void touch(Entry entry) {
        entries.remove(entry);
        entries.add(entry);
    }

    /** Whether {@code tokens} hold all of {@code entry}'s tokens or at least its turns. */
    private static boolean continues(int[] tokens, Entry entry) {
        int[] stored = entry.tokens();
        int limit = Math.min(tokens.length, stored.length);
        int same = 0;
        while (same < limit && tokens[same] == stored[same]) {
            same++;
        }
        return same == stored.length || (same > 0 && same >= entry.turnsEnd());
    }

    private static boolean startsWith(int[] tokens, int[] prefix) {
        return tokens.length >= prefix.length && Arrays.equals(tokens, 0, prefix.length, prefix, 0, prefix.length);
    }
}
