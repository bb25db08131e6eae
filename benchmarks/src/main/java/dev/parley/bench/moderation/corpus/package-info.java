/**
 * Readers of the moderation training data ({@code shared/moderation-train}, fourteen sets) and of
 * the two evaluation sets ({@code shared/moderation-dev}), each row mapped onto the thirteen
 * omni-moderation categories as the set's {@code SOURCE.txt} suggests. Never prints a text: the
 * posts are real and hold slurs.
 */
@NullMarked
package dev.parley.bench.moderation.corpus;

import org.jspecify.annotations.NullMarked;
