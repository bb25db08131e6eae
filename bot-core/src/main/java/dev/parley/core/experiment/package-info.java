/**
 * The A/B model experiment: which of two LoRA adapters answers a conversation (a stable split by
 * conversation), the adapter scales a request of each variant sets, and the 👍 rate per variant
 * with its confidence interval for {@code /model experiment show}.
 */
@NullMarked
package dev.parley.core.experiment;

import org.jspecify.annotations.NullMarked;
