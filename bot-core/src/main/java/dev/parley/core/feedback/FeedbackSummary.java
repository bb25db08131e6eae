package dev.parley.core.feedback;

/**
 * What feedback holds for one scope, for {@code /bot feedback show}.
 *
 * @param exchanges answers recorded
 * @param up 👍 votes on them
 * @param down 👎 votes on them
 */
public record FeedbackSummary(long exchanges, long up, long down) {}
