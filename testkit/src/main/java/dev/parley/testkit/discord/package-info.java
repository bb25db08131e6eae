/**
 * A fake Discord server for end-to-end tests that run the real JDA client: REST under
 * {@code /api/v10/} on a JDK {@code HttpServer} and a gateway on a local WebSocket, both on
 * 127.0.0.1. Tests build guilds, channels and users, dispatch events as Discord would, inject
 * rate limits and disconnects, and wait for the requests the bot makes. Depends on no Discord
 * client library.
 */
@NullMarked
package dev.parley.testkit.discord;

import org.jspecify.annotations.NullMarked;
