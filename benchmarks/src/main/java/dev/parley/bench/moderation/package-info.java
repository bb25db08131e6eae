/** Measurements of moderation: quality on evaluation sets, speed and memory of the local tier. */
@NullMarked
package dev.parley.bench.moderation;

import org.jspecify.annotations.NullMarked;
