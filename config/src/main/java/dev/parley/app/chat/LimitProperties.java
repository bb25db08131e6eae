package dev.parley.app.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.limits.*}: rate limits, the queue and the conversation memory.
 *
 * @param userPerMinute messages one user may send per minute, on average
 * @param userBurst messages one user may send at once after a quiet spell
 * @param queueCapacity requests that may wait for the model; more get a "busy" notice
 * @param maxConversations conversations remembered at once
 * @param conversationIdle a conversation idle this long is forgotten
 * @param maxTurns turns remembered per conversation
 * @param tokensPerTurn tokens the chat template adds around each turn, for the budget
 */
@ConfigurationProperties("parley.limits")
public record LimitProperties(
        @DefaultValue("6") int userPerMinute,
        @DefaultValue("3") int userBurst,
        @DefaultValue("100") int queueCapacity,
        @DefaultValue("10000") long maxConversations,
        @DefaultValue("1h") Duration conversationIdle,
        @DefaultValue("40") int maxTurns,
        @DefaultValue("8") int tokensPerTurn) {}
