package dev.parley.app.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.history.*}: conversation history kept in the database for the scopes whose admins
 * turned it on ({@code /bot history on}); off for every scope until then.
 *
 * @param retention how long a stored exchange is kept; older ones are deleted and never recalled
 */
@ConfigurationProperties("parley.history")
public record HistoryProperties(@DefaultValue("30d") Duration retention) {}
