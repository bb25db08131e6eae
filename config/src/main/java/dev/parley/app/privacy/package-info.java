/** The users' own data: which stores {@code /export} and {@code /forget me} walk, and the way to a user's private chat. */
@NullMarked
package dev.parley.app.privacy;

import org.jspecify.annotations.NullMarked;
