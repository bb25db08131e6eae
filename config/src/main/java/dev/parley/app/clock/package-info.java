/**
 * The application's one time source. Both applications (the bot and {@code parley model-server})
 * take it, so it depends on no other configuration package.
 */
@NullMarked
package dev.parley.app.clock;

import org.jspecify.annotations.NullMarked;
