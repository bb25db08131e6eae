/** The port to a language model: requests, streamed replies and token counting. */
@NullMarked
package dev.parley.core.model;

import org.jspecify.annotations.NullMarked;
