package dev.parley.app.access;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.access.*}: where the bot works, how often a refused user is told, and the strike
 * policy of scopes whose admins set none.
 *
 * @param blockedScopes servers and chats the bot ignores, as {@code platform:id} ({@code discord:123},
 *     {@code telegram:-100123})
 * @param allowedScopes when not empty, the only servers and groups the bot serves (direct messages
 *     are always served unless blocked)
 * @param leaveUnlisted on Telegram, leave a group the bot does not serve as soon as it is added
 * @param noticeEvery a blocked or muted user is told so at most once per this time per scope
 * @param strikes blocked prompts within {@code strikeWindow} that mute; 0 never mutes
 * @param strikeWindow the time strikes count in
 * @param strikeMute how long strikes mute for
 */
@ConfigurationProperties("parley.access")
public record AccessProperties(
        @DefaultValue List<String> blockedScopes,
        @DefaultValue List<String> allowedScopes,
        @DefaultValue("false") boolean leaveUnlisted,
        @DefaultValue("10m") Duration noticeEvery,
        @DefaultValue("3") int strikes,
        @DefaultValue("24h") Duration strikeWindow,
        @DefaultValue("1h") Duration strikeMute) {}
