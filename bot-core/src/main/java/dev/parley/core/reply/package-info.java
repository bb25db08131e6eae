/** Shaping a reply for a platform: showing it as it streams (post, edit, split, withdraw), splitting long text where a reader expects a break, knowing when it is delivered, bounding what adapters remember of replies. */
@NullMarked
package dev.parley.core.reply;

import org.jspecify.annotations.NullMarked;
