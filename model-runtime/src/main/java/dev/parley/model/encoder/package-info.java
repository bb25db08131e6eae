/**
 * The sentence encoder of the learned moderation tier, run in-process on ONNX Runtime: it turns a
 * text into the vector that {@link dev.parley.core.moderation.learned.CategoryHeads} read.
 */
@NullMarked
package dev.parley.model.encoder;

import org.jspecify.annotations.NullMarked;
