/**
 * What ends start-up with one line for the user. Every configuration package may throw it, so it
 * sits below them all and depends on none (issue #17: packages without cycles).
 */
@NullMarked
package dev.parley.app.startup;

import org.jspecify.annotations.NullMarked;
