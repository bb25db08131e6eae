/**
 * The review queue: each block reported to a scope's audit channel waits here until one admin
 * resolves it (false positive, confirm, warn, mute, ban), once, with the action applied and audited.
 */
@NullMarked
package dev.parley.core.review;

import org.jspecify.annotations.NullMarked;
