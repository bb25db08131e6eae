package dev.parley.model.stats;

/**
 * How a model's conversation cache has served requests since the model was loaded. Every
 * request is a hit or a miss; prefix hits are the misses that still reused a shared opening.
 *
 * @param hits requests whose prompt continued the prompt a sequence last read (a conversation's
 *     next turn, or the same question again), so only the rest was decoded: all of that prompt,
 *     or at least its turns when the template renders the opening of the reply and the reply
 *     differently in the next turn (Qwen3's empty thinking block), so the sequence dropped what
 *     it held from where they part and decoded from there
 * @param misses the other requests, decoded from the start or from an opening they share with
 *     another conversation
 * @param evictions misses that took a sequence holding another conversation, the least recently
 *     used one, because none was empty
 * @param prefixHits misses that reused at least a persona's system prompt's worth of tokens
 *     another conversation had decoded (copied from its sequence, or left in the one they got)
 * @param tokensReused prompt tokens not decoded because the cache held them, over hits and misses
 *     (for a hit, the tokens up to where its prompt parts from what the sequence held)
 * @param hostHits misses whose sequence got a conversation's KV state back from host memory (an
 *     evicted conversation continued, or a stored system prompt), so only the rest was decoded
 * @param hostBytes bytes the host-memory store holds now (KV states and their token keys): a
 *     gauge, not a count
 * @param hostEvictions stored conversations dropped from host memory to stay within its budget
 */
public record CacheCounters(long hits, long misses, long evictions, long prefixHits, long tokensReused,
        long hostHits, long hostBytes, long hostEvictions) {

    /** A backend without a conversation cache. */
    public static final CacheCounters NONE = new CacheCounters(0, 0, 0, 0, 0);

    /** Counters of a cache without a host-memory store. */
    public CacheCounters(long hits, long misses, long evictions, long prefixHits, long tokensReused) {
        this(hits, misses, evictions, prefixHits, tokensReused, 0, 0, 0);
    }

    /** Both counts added, field by field (a replaced model's and its successor's, both still loaded). */
    public CacheCounters plus(CacheCounters other) {
        return new CacheCounters(hits + other.hits, misses + other.misses, evictions + other.evictions,
                prefixHits + other.prefixHits, tokensReused + other.tokensReused, hostHits + other.hostHits,
                hostBytes + other.hostBytes, hostEvictions + other.hostEvictions);
    }

    /** These counts once their model is gone: its host-memory store went with it, so it holds no bytes. */
    public CacheCounters retired() {
        return new CacheCounters(hits, misses, evictions, prefixHits, tokensReused, hostHits, 0, hostEvictions);
    }
}
