package dev.parley.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.conversation.Platform;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.persona.InMemoryPersonaChoices;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaCatalog;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.InMemoryLimitOverrides;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the command parser and the command service with a real in-memory setup (settings,
 * channel settings, policies, the local moderation tier, memory, audit log, personas, rate-limit
 * overrides, queue): each input is a short session of commands, most built from the grammar of
 * {@code /help} (every admin path, by admins and members, in servers, threads, DMs and Telegram
 * chats) with fuzzed words, some raw. Nothing may throw; every command gets a non-blank answer;
 * and after each one a message in that place can still be moderated, so no setting an admin can
 * type breaks the chat.
 */
class CommandJazzerTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final Moderator MODERATOR = new Moderator(NORMALISER,
            List.of(LocalModerationProvider.standard(NORMALISER)), 10_000);
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-26T12:00:00Z"));
    /** Shared: /stop only asks it to withdraw requests, and there are none. */
    private static final InferenceQueue QUEUE = new InferenceQueue(new QueueSettings(1, 10, 3, Duration.ofMinutes(1)),
            CLOCK);
    private static final GenerationSettings GENERATION = new GenerationSettings(64, 0f, 1);
    private static final PersonaCatalog PERSONAS = new PersonaCatalog(List.of(
            new Persona("default", "You are Parley.", GENERATION, Map.of()),
            new Persona("terse", "Answer in one word.", GENERATION, Map.of())), "default");

    private static final String[] TEMPLATES = {
        "/help", "/start", "/reset", "/stop", "/bot", "/bot persona", "/bot persona %w", "/bot channel",
        "/bot channel %w", "/ratelimit", "/ratelimit show", "/ratelimit set %w %w %w", "/ratelimit set %w %w",
        "/moderation", "/moderation show", "/moderation category %w %w %w", "/moderation category %w %w",
        "/moderation terms %w %w %w", "/moderation terms %w %s", "/moderation terms list", "/moderation direction %w",
        "/moderation failure %w", "/moderation exempt-role %w %w", "/moderation exempt-role list",
        "/moderation audit-channel %w", "/moderation excerpt %w", "/moderation channel %w %w %w %w",
        "/moderation channel %w %w %w", "/moderation channel show", "/moderation channel clear", "/moderation test %s",
        "/audit", "/audit recent %w", "/audit %w %w %w", "/%w %s", "/%w@parley_bot %w %w"};
    private static final String[] WORDS = {"add", "remove", "list", "block", "allow", "user", "channel", "server",
        "default", "input", "output", "both", "none", "open", "closed", "redacted", "show", "clear", "category",
        "terms", "direction", "violence", "harassment", "hate", "sexual/minors", "sexual-minors", "self-harm",
        "illicit", "off", "flag", "0.5", "1", "-1", "NaN", "Infinity", "1e309", "999999999999", "0", "2147483648",
        "terse", "auto-reply", "mention-only", "123456789012345678", "<#42>", "#general", "@everyone", "bomb", "b0mb",
        "\"", "\u200B", "ＢＯＭＢ", "", "persona", "recent", "25", "26"};

    @FuzzTest(maxDuration = "30s")
    void everyCommandIsAnsweredAndLeavesTheChatWorking(FuzzedDataProvider data) {
        InMemorySettingsStore settings = new InMemorySettingsStore();
        InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
        ModerationPolicies policies = new ModerationPolicies(settings, channels,
                new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out"),
                NORMALISER);
        ConversationMemory memory = new ConversationMemory(String::length,
                new MemoryLimits(100, Duration.ofMinutes(10), 20, 0), Ticker.disabledTicker());
        RateLimit perMinute = new RateLimit(6, 3);
        CommandService service = CommandService.builder().settings(settings).policies(policies).moderator(MODERATOR)
                .memory(memory).audit(new InMemoryAuditLog()).clock(CLOCK)
                .personas(new PersonaSelector(PERSONAS, new InMemoryPersonaChoices()))
                .queue(QUEUE).channels(channels)
                .rateLimits(new CommandService.RateLimitSetup(new InMemoryLimitOverrides(),
                        new ScopeLimits(perMinute, new RateLimit(20, 10), new RateLimit(60, 20))))
                .build();

        int commands = data.consumeInt(1, 6);
        for (int i = 0; i < commands && data.remainingBytes() > 0; i++) {
            Location where = location(data.consumeInt(0, 4));
            boolean direct = where.threadId() == null && where.scopeId().equals(where.channelId());
            Author author = new Author(data.consumeBoolean() ? "admin" : "member", "Someone",
                    data.consumeBoolean() ? Set.of("mod") : Set.of(), data.consumeBoolean(), false);
            String text = data.consumeBoolean() ? fromGrammar(data) : data.consumeString(200);
            InboundMessage message = new InboundMessage("m" + i, where, author, text, null, true, direct,
                    CLOCK.instant());

            CommandLine command = CommandLine.parse(text);
            if (command == null) {
                continue;
            }
            assertThat(command.name()).isNotNull();
            for (int w = 0; w <= command.words().size() + 1; w++) {
                command.word(w);
                command.restAfter(w);
            }
            String reply = service.handle(command, message);

            assertThat(reply).as("the answer to %s", text).isNotBlank();
            ModerationPolicy policy = policies.forLocation(where);
            MODERATOR.moderate("what is the weather like tomorrow", Direction.INPUT, policy);
            MODERATOR.moderate(text, Direction.OUTPUT, policy);
        }
    }

    private static Location location(int kind) {
        return switch (kind) {
            case 0 -> new Location(Platform.DISCORD, "guild-1", "general", null);
            case 1 -> new Location(Platform.DISCORD, "guild-1", "general", "thread-7");
            case 2 -> new Location(Platform.DISCORD, "dm-5", "dm-5", null);
            case 3 -> new Location(Platform.TELEGRAM, "-100123", "-100123", null);
            default -> new Location(Platform.TELEGRAM, "42", "42", null);
        };
    }

    private static String fromGrammar(FuzzedDataProvider data) {
        String template = data.pickValue(TEMPLATES);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char slot = template.charAt(++i);
                if (slot == 'w') {
                    out.append(data.consumeBoolean() ? data.pickValue(WORDS) : data.consumeString(20));
                } else {
                    out.append(data.consumeString(120));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
