/**
 * Hot swap: another model or LoRA adapter replaces the one serving, without a restart. A candidate
 * is checked before it serves; replies in progress finish on the model they started on, which is
 * closed (its memory returned) when the last of them ends.
 */
@NullMarked
package dev.parley.core.modelswap;

import org.jspecify.annotations.NullMarked;
