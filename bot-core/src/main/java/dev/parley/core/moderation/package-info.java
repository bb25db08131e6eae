/** Moderation of prompts and replies: normalisation, rules, policies and verdicts. */
@NullMarked
package dev.parley.core.moderation;

import org.jspecify.annotations.NullMarked;
