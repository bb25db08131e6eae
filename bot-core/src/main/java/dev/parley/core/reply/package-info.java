/** Shaping a reply for a platform's message limits: splitting long text where a reader expects a break. */
@NullMarked
package dev.parley.core.reply;

import org.jspecify.annotations.NullMarked;
