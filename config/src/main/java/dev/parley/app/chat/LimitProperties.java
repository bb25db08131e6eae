package dev.parley.app.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.limits.*}: rate limits, the queue and the conversation memory.
 *
 * @param userPerMinute messages one user may send per minute, on average
 * @param userBurst messages one user may send at once after a quiet spell
 * @param channelPerMinute messages one channel (a Telegram chat) may send the bot per minute
 * @param channelBurst messages one channel may send at once
 * @param serverPerMinute messages one server (a Telegram chat) may send the bot per minute
 * @param serverBurst messages one server may send at once
 * @param queueCapacity requests that may wait for the model; more get a "busy" notice
 * @param queuePerUser requests one user may have waiting; more get a "busy" notice
 * @param queueMaxWait a request still waiting after this long is given up and its author told
 * @param queuePositionFrom a request with at least this many ahead of it is told its place in line
 * @param maxConversations conversations remembered at once
 * @param conversationIdle a conversation idle this long is forgotten
 * @param maxTurns turns remembered per conversation
 * @param tokensPerTurn tokens the chat template adds around each turn, for the budget
 */
@ConfigurationProperties("parley.limits")
public record LimitProperties(
        @DefaultValue("6") int userPerMinute,
        @DefaultValue("3") int userBurst,
        @DefaultValue("20") int channelPerMinute,
        @DefaultValue("10") int channelBurst,
        @DefaultValue("60") int serverPerMinute,
        @DefaultValue("20") int serverBurst,
        @DefaultValue("100") int queueCapacity,
        @DefaultValue("3") int queuePerUser,
        @DefaultValue("3m") Duration queueMaxWait,
        @DefaultValue("3") int queuePositionFrom,
        @DefaultValue("10000") long maxConversations,
        @DefaultValue("1h") Duration conversationIdle,
        @DefaultValue("40") int maxTurns,
        @DefaultValue("8") int tokensPerTurn) {}
