/** The conversation model: messages, turns and the memory of each conversation. */
@NullMarked
package dev.parley.core.conversation;

import org.jspecify.annotations.NullMarked;
