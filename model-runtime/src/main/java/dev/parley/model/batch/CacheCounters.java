package dev.parley.model.batch;

/**
 * How the conversation cache has served requests since the model was loaded.
 *
 * @param hits requests whose prompt continued the whole prompt a sequence last read (a
 *     conversation's next turn, or the same question again), so only the rest was decoded
 * @param misses the other requests, decoded from the start (or from an opening they share with
 *     what the sequence they got held)
 * @param evictions misses that took a sequence holding another conversation, the least recently
 *     used one, because none was empty
 */
public record CacheCounters(long hits, long misses, long evictions) {}
