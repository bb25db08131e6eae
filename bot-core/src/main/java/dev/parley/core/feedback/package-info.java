/**
 * Feedback on the bot's answers, in the scopes whose admins turned it on: which answers are
 * recorded (both sides passed moderation, the author did not opt out), and how a 👍 or 👎
 * reaction on a recorded answer becomes its voter's vote. The stores are ports; the dataset
 * export reads what they keep.
 */
@NullMarked
package dev.parley.core.feedback;

import org.jspecify.annotations.NullMarked;
