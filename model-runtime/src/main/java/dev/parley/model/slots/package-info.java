/**
 * The bookkeeping every {@code ChatModel} keeps about its open replies: which hold a slot, who
 * waits for one to free, and the timer that ends a reply at its deadline.
 */
@NullMarked
package dev.parley.model.slots;

import org.jspecify.annotations.NullMarked;
