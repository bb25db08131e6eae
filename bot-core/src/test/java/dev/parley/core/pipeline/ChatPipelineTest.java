package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.OTHER_BOT;
import static dev.parley.core.testing.Messages.mention;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettings;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ReplyMode;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatPipelineTest {

    private static final String SYSTEM_PROMPT = "You are Parley.";
    private static final int MAX_INPUT_CHARS = 200;
    private static final int CONTEXT = 40;
    private static final int MAX_NEW_TOKENS = 10; // so prompts may take 30 tokens (words)
    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);
    private static final byte[] AUDIT_KEY = "a 32-byte key for this test only".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final FakeClock clock = new FakeClock();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings, channels,
            new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT),
                    "I can't help with that.", "I had to stop that answer."),
            normaliser);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedChatModel model = new ScriptedChatModel(CONTEXT);
    private final ConversationMemory memory = new ConversationMemory(
            model, new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock);
    private final RateLimiter rateLimiter = new RateLimiter(clock, clock, Duration.ofMinutes(10), 1_000);
    private final InferenceQueue queue = new InferenceQueue(1, 1);
    private final PipelineParts parts = new PipelineParts(clock, settings, policies, moderator, queue, model, memory,
            audit);
    private final RecordingReplySink sink = new RecordingReplySink();
    private final List<BlockReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ChatPipeline pipeline = pipeline(new RateLimit(60, 10));

    private ChatPipeline pipeline(RateLimit userLimit) {
        return withChannels(userLimit).auditHash(new AuditHash(AUDIT_KEY)).build();
    }

    private static PipelineSettings pipelineSettings(RateLimit userLimit) {
        return new PipelineSettings(SYSTEM_PROMPT, new GenerationSettings(MAX_NEW_TOKENS, 0f, 42), userLimit,
                MAX_INPUT_CHARS);
    }

    /** The parts, on this test's one rate limiter, with the parts that are not in every pipeline left out. */
    private ChatPipelineBuilder plain(PipelineParts with) {
        return with.builder(pipelineSettings(new RateLimit(60, 10)), with.commands().build()).rateLimiter(rateLimiter);
    }

    /** The parts with one default persona, no overrides, per-channel settings, and block reports kept. */
    private ChatPipelineBuilder withChannels(RateLimit userLimit) {
        PipelineSettings pipelineSettings = pipelineSettings(userLimit);
        return parts.builder(pipelineSettings, parts.commands().channels(channels).build())
                .rateLimiter(rateLimiter)
                .personas(PersonaSelector.only(new Persona("default", SYSTEM_PROMPT, pipelineSettings.generation())))
                .overrides(LimitOverrides.none())
                .channels(channels)
                .reports(reports::add);
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    private Outcome handle(InboundMessage message) {
        return handle(message, sink);
    }

    private static Outcome handle(CompletableFuture<Outcome> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the pipeline did not answer", e);
        }
    }

    private Outcome handle(InboundMessage message, ReplySink replySink) {
        return handle(pipeline.handle(message, replySink));
    }

    @Test
    void answersAMentionStreamingTheReplyAndCompletingIt() {
        model.replies("Hello", " Alice,", " nice to", " meet you.");

        Outcome outcome = handle(mention(ALICE, "hi there"));

        assertThat(outcome).isEqualTo(new Outcome.Answered("Hello Alice, nice to meet you.", 0));
        assertThat(sink.progress())
                .containsExactly("Hello Alice,", "Hello Alice, nice ", "Hello Alice, nice to meet you.");
        assertThat(sink.completed()).containsExactly("Hello Alice, nice to meet you.");
        assertThat(sink.notices()).isEmpty();
        assertThat(model.requests()).singleElement().satisfies(request -> {
            assertThat(request.turns()).containsExactly(ChatTurn.system(SYSTEM_PROMPT), ChatTurn.user("hi there"));
            assertThat(request.settings()).isEqualTo(new GenerationSettings(MAX_NEW_TOKENS, 0f, 42));
        });
        assertThat(model.allStreamsClosed()).isTrue();
    }

    @Test
    void aRequestStillWaitingAtShutdownIsToldAndCompletes() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        model.holdsUntil(started, release, "Slow answer.");
        CompletableFuture<Outcome> running = pipeline.handle(mention(ALICE, "first"), new RecordingReplySink());
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        var waitingSink = new RecordingReplySink();
        CompletableFuture<Outcome> waiting = pipeline.handle(mention(BOB, "second"), waitingSink);

        queue.close();
        release.countDown();

        assertThat(handle(waiting)).isEqualTo(new Outcome.Failed("abandoned at shutdown"));
        assertThat(waitingSink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.FAILED);
        assertThat(running).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void answersADirectMessageWithoutAMention() {
        model.replies("Sure.");
        InboundMessage direct = new InboundMessage("dm-1", GENERAL, ALICE, "hello", null, false, true, clock.instant());

        assertThat(handle(direct)).isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void ignoresMessagesFromBots() {
        Outcome outcome = handle(mention(OTHER_BOT, "hi there"));

        assertThat(outcome).isInstanceOf(Outcome.Ignored.class);
        assertThat(sink.calls()).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void ignoresCommandsFromBotsToo() {
        assertThat(handle(mention(OTHER_BOT, "/reset"))).isInstanceOf(Outcome.Ignored.class);
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void ignoresMessagesNotAddressedToTheBot() {
        Outcome outcome = handle(message(GENERAL, ALICE, "talking to someone else", false));

        assertThat(outcome).isEqualTo(new Outcome.Ignored("not addressed to the bot"));
        assertThat(sink.calls()).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void aChannelWithRepliesOffIgnoresMentionsButStillAnswersCommands() {
        assertThat(handle(mention(ADMIN, "/bot channel off"))).isInstanceOf(Outcome.CommandAnswered.class);

        Outcome mentioned = handle(mention(ALICE, "hi there"));
        Outcome help = handle(mention(ALICE, "/help"));

        assertThat(mentioned).isEqualTo(new Outcome.Ignored("replies are off in this channel"));
        assertThat(help).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(sink.notices()).extracting(Notice::kind)
                .containsExactly(Notice.Kind.COMMAND_REPLY, Notice.Kind.COMMAND_REPLY);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void anAutoReplyChannelAnswersMessagesThatDoNotMentionTheBot() {
        model.replies("Happy to help.");
        handle(mention(ADMIN, "/bot channel auto-reply"));

        Outcome outcome = handle(message(GENERAL, ALICE, "anyone know a good book?", false));

        assertThat(outcome).isEqualTo(new Outcome.Answered("Happy to help.", 0));
    }

    @Test
    void aChannelsReplyModeLeavesOtherChannelsMentionOnly() {
        handle(mention(ADMIN, "/bot channel auto-reply"));
        Location random = new Location(GENERAL.platform(), GENERAL.scopeId(), "random", null);

        assertThat(handle(message(random, ALICE, "talking to someone else", false)))
                .isEqualTo(new Outcome.Ignored("not addressed to the bot"));
    }

    @Test
    void answersADirectMessageEvenWhereRepliesAreOff() {
        model.replies("Sure.");
        Location dm = new Location(GENERAL.platform(), "dm-alice", "dm-alice", null);
        channels.save(ChannelKey.of(dm), ChannelSettings.DEFAULTS.withReplyMode(ReplyMode.OFF));
        InboundMessage direct = new InboundMessage("dm-2", dm, ALICE, "hello", null, false, true, clock.instant());

        assertThat(handle(direct)).isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void ignoresBlankMessages() {
        assertThat(handle(mention(ALICE, "  \n "))).isInstanceOf(Outcome.Ignored.class);
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void refusesOverlongInputWithANoticeAndNeverCallsTheModel() {
        Outcome outcome = handle(mention(ALICE, "a".repeat(MAX_INPUT_CHARS + 1)));

        assertThat(outcome).isInstanceOf(Outcome.TooLong.class);
        assertThat(sink.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.TOO_LONG);
            assertThat(notice.text()).contains("201", "200");
        });
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void acceptsInputOfExactlyTheCharacterLimit() {
        model.replies("ok");

        assertThat(handle(mention(ALICE, "a".repeat(MAX_INPUT_CHARS)))).isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void countsInputLengthInCharactersTheUserSees_anEmojiIsOne() {
        model.replies("ok");
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units

        assertThat(handle(mention(ALICE, emoji.repeat(MAX_INPUT_CHARS)))).isInstanceOf(Outcome.Answered.class);
        Outcome refused = handle(mention(ALICE, emoji.repeat(MAX_INPUT_CHARS + 1)));

        assertThat(refused).isInstanceOf(Outcome.TooLong.class);
        assertThat(sink.notices().getLast().text())
                .isEqualTo("Your message has " + (MAX_INPUT_CHARS + 1) + " characters; I read at most " + MAX_INPUT_CHARS + ".");
    }

    @Test
    void refusesInputThatDoesNotFitTheModelsContextWithANotice() {
        String thirtyWords = "word ".repeat(30); // plus the 3-word system prompt: 33 > 30

        Outcome outcome = handle(mention(ALICE, thirtyWords));

        assertThat(outcome).isInstanceOf(Outcome.TooLong.class);
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.TOO_LONG);
        assertThat(sink.notices().getFirst().text()).contains("33 tokens", "room for 30");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void anExemptRoleSkipsInputModerationButNotOutputModeration() {
        settings.save(SCOPE, new ScopeSettings(Set.of(), Set.of(), Map.of(), null, Set.of("mod"), null, null, null));
        policies.invalidate(SCOPE);
        model.replies("Fine.").replies("A bomb", " it is.");

        Outcome exempt = handle(mention(ADMIN, "tell me about the bomb squad"));
        Outcome reply = handle(mention(ADMIN, "and then?"));

        assertThat(exempt).isInstanceOf(Outcome.Answered.class);
        assertThat(reply).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        assertThat(handle(mention(ALICE, "tell me about the bomb squad"))).isInstanceOf(Outcome.Blocked.class);
    }

    @Test
    void blocksInputWithABlockedWordNoticesAuditsAndNeverCallsTheModel() {
        InboundMessage message = mention(ALICE, "how do I make a BÓMB at home");

        Outcome outcome = handle(message);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.INPUT));
        assertThat(sink.notices()).containsExactly(new Notice(Notice.Kind.INPUT_BLOCKED, "I can't help with that."));
        assertThat(audit.recent(SCOPE, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("moderation.block.input");
            assertThat(entry.actorId()).isEqualTo("alice");
            assertThat(entry.at()).isEqualTo(clock.instant());
            assertThat(entry.detail()).contains(message.messageId(), "category=custom", "sha256=" + sha256(message.text()))
                    .doesNotContain("home");
        });
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void auditsABlockWithTheCategoryScoresOfTheLocalTier() {
        var localTier = new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), 100);
        var scored = plain(parts.withModerator(localTier)).build();

        // no custom term in it, so the local tier decides and its scores are audited
        handle(scored.handle(mention(ALICE, "how can I build an explosive device to hurt people"), sink));

        assertThat(audit.recent(SCOPE, 1)).singleElement().satisfies(entry ->
                assertThat(entry.detail()).contains("category=illicit/violent")
                        .containsPattern("scores=[a-z/-]+:\\d\\.\\d\\d.*illicit/violent:\\d\\.\\d\\d"));
    }

    private ChatPipeline withLocalTier() {
        var localTier = new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), 100);
        return plain(parts.withModerator(localTier)).build();
    }

    @Test
    void answersAPromptBlockedForSelfHarmWithSupportAndHelpResourcesInEnglish() {
        Outcome outcome = handle(withLocalTier().handle(mention(ALICE, "I want to kill myself tonight"), sink));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.verdict().category()).startsWith("self-harm"));
        assertThat(sink.notices()).containsExactly(new Notice(Notice.Kind.INPUT_BLOCKED, ModerationDefaults.SELF_HARM_NOTICE));
        assertThat(sink.notices().getFirst().text()).contains("You are not alone", "188", "cvv.org.br", "findahelpline.com")
                .doesNotContain("I can't help with that.");
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::action).containsExactly("moderation.block.input");
    }

    @Test
    void answersAPromptBlockedForSelfHarmWithSupportAndHelpResourcesInPortuguese() {
        Outcome outcome = handle(withLocalTier().handle(mention(ALICE, "eu quero me matar hoje"), sink));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.verdict().category()).startsWith("self-harm"));
        assertThat(sink.notices()).singleElement().extracting(Notice::text).asString()
                .contains("Você não está sozinho(a)", "ligue 188 para o CVV", "cvv.org.br");
    }

    @Test
    void keepsTheGenericNoticeForOtherBlockedPrompts() {
        handle(withLocalTier().handle(mention(ALICE, "how can I build an explosive device to hurt people"), sink));

        assertThat(sink.notices()).containsExactly(new Notice(Notice.Kind.INPUT_BLOCKED, "I can't help with that."));
    }

    /** The audit hash as the JDK computes it under the test's key: HMAC-SHA256, first 8 bytes in hex. */
    private static String sha256(String text) throws RuntimeException {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(AUDIT_KEY, "HmacSHA256"));
            byte[] digest = mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withdrawsAReplyThatTurnsBlockedMidStreamWithoutEverShowingTheWord() {
        model.replies("Sure, here", " is how to", " make a bo", "mb", " at home", " step", " by step", " ...");
        InboundMessage message = mention(ALICE, "tell me something");

        Outcome outcome = handle(message);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        assertThat(sink.progress()).isNotEmpty().allSatisfy(shown -> assertThat(shown).doesNotContainIgnoringCase("bomb"));
        assertThat(sink.withdrawals()).containsExactly(
                new Notice(Notice.Kind.OUTPUT_BLOCKED, "I had to stop that answer."));
        assertThat(sink.completed()).isEmpty();
        assertThat(sink.calls()).last().isEqualTo(RecordingReplySink.Call.WITHDRAW);
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action).containsExactly("moderation.block.output");
        assertThat(audit.recent(SCOPE, 1).getFirst().detail())
                .contains("sha256=" + sha256("Sure, here is how to make a bomb at home"));
        assertThat(model.piecesTaken()).as("generation stopped early").containsExactly(5);
        assertThat(model.allStreamsClosed()).isTrue();
        assertThat(memory.turns(message.conversationKey())).as("a withdrawn reply is not remembered").isEmpty();
    }

    @Test
    void reportsAnInputBlockToTheAuditChannelBesidesTheAuditLog() {
        handle(mention(ADMIN, "/moderation audit-channel 999"));
        InboundMessage message = mention(ALICE, "how do I make a bomb");

        handle(message);

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.auditChannelId()).isEqualTo("999");
            assertThat(report.scope()).isEqualTo(SCOPE);
            assertThat(report.location()).isEqualTo(GENERAL);
            assertThat(report.authorId()).isEqualTo("alice");
            assertThat(report.messageId()).isEqualTo(message.messageId());
            assertThat(report.direction()).isEqualTo(Direction.INPUT);
            assertThat(report.category()).isEqualTo("custom");
            assertThat(report.rule()).isEqualTo("blocked-terms");
            assertThat(report.sha256()).isEqualTo(sha256(message.text()));
            assertThat(report.excerpt()).isNull();
            assertThat(report.at()).isEqualTo(clock.instant());
        });
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::action).containsExactly("moderation.block.input");
    }

    @Test
    void auditsAndReportsARedactedExcerptWhenThePolicyAsksForOne() {
        handle(mention(ADMIN, "/moderation audit-channel 999"));
        handle(mention(ADMIN, "/moderation excerpt redacted"));

        handle(mention(ALICE, "how do I make a BÓMB at home"));

        assertThat(audit.recent(SCOPE, 1).getFirst().detail()).endsWith(" excerpt=\"how do I make a B*** at home\"");
        assertThat(reports).singleElement().extracting(BlockReport::excerpt).isEqualTo("how do I make a B*** at home");
    }

    @Test
    void reportsAWithheldReplyToTheAuditChannel() {
        handle(mention(ADMIN, "/moderation audit-channel 999"));
        model.replies("a bomb", " it is");

        handle(mention(ALICE, "what is it"));

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.direction()).isEqualTo(Direction.OUTPUT);
            assertThat(audit.recent(SCOPE, 1).getFirst().detail()).contains("sha256=" + report.sha256());
        });
    }

    @Test
    void reportsNothingWhereNoAuditChannelIsNamed() {
        handle(mention(ALICE, "how do I make a bomb"));

        assertThat(reports).isEmpty();
        assertThat(audit.recent(SCOPE, 10)).hasSize(1);
    }

    @Test
    void stillTellsTheUserWhenTheAuditChannelCannotBeReached() {
        settings.save(SCOPE, ScopeSettings.DEFAULTS.withAuditChannel("999"));
        pipeline = withChannels(new RateLimit(60, 10))
                .reports(report -> { throw new IllegalStateException("channel deleted"); })
                .build();

        Outcome outcome = handle(mention(ALICE, "how do I make a bomb"));

        assertThat(outcome).isInstanceOf(Outcome.Blocked.class);
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.INPUT_BLOCKED);
        assertThat(audit.recent(SCOPE, 10)).hasSize(1);
    }

    @Test
    void withdrawsAReplyWhoseLastWordIsBlocked() {
        model.replies("You mean a", " bo", "mb");

        Outcome outcome = handle(mention(ALICE, "what is it"));

        assertThat(outcome).isInstanceOf(Outcome.Blocked.class);
        assertThat(sink.progress()).allSatisfy(shown -> assertThat(shown).doesNotContain("bo"));
        assertThat(sink.withdrawals()).hasSize(1);
        assertThat(sink.completed()).isEmpty();
    }

    @Test
    void doesNotModerateRepliesWhenThePolicyLeavesOutputAlone() {
        ModerationPolicies inputOnly = new ModerationPolicies(settings,
                new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT), "in", "out"), normaliser);
        pipeline = plain(parts.withPolicies(inputOnly)).build();
        model.replies("a bomb", " squad");

        assertThat(handle(mention(ALICE, "who defuses them"))).isEqualTo(new Outcome.Answered("a bomb squad", 0));
    }

    @Test
    void tellsARateLimitedUserOnceThenStaysSilent() {
        pipeline = pipeline(new RateLimit(1, 1));
        model.replies("first answer");

        assertThat(handle(mention(ALICE, "one"))).isInstanceOf(Outcome.Answered.class);
        Outcome second = handle(mention(ALICE, "two"));
        Outcome third = handle(mention(ALICE, "three"));

        assertThat(second).isEqualTo(new Outcome.RateLimited(Duration.ofMinutes(1)));
        assertThat(third).isInstanceOf(Outcome.RateLimited.class);
        assertThat(sink.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.RATE_LIMITED);
            assertThat(notice.text()).contains("60 s");
        });
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void limitsEachUserOnTheirOwn() {
        pipeline = pipeline(new RateLimit(1, 1));
        model.replies("for alice").replies("for bob");

        assertThat(handle(mention(ALICE, "one"))).isInstanceOf(Outcome.Answered.class);
        assertThat(handle(mention(ALICE, "two"))).isInstanceOf(Outcome.RateLimited.class);
        assertThat(handle(mention(BOB, "one"))).isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void letsAUserAskAgainOnceTheLimitRefilled() {
        pipeline = pipeline(new RateLimit(1, 1));
        model.replies("first").replies("second");
        handle(mention(ALICE, "one"));
        assertThat(handle(mention(ALICE, "two"))).isInstanceOf(Outcome.RateLimited.class);

        clock.advance(Duration.ofMinutes(1));

        assertThat(handle(mention(ALICE, "three"))).isEqualTo(new Outcome.Answered("second", 0));
    }

    @Test
    void answersBusyWhenTheQueueIsFull() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        model.holdsUntil(firstStarted, release, "first").replies("second");
        RecordingReplySink firstSink = new RecordingReplySink();
        RecordingReplySink secondSink = new RecordingReplySink();

        CompletableFuture<Outcome> first = pipeline.handle(mention(ALICE, "one"), firstSink);
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue(); // holds the only slot
        CompletableFuture<Outcome> second = pipeline.handle(mention(BOB, "two"), secondSink); // waits
        Outcome third = handle(mention(ADMIN, "three"));

        assertThat(third).isEqualTo(new Outcome.Busy());
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.BUSY);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        release.countDown();

        assertThat(handle(first)).isEqualTo(new Outcome.Answered("first", 0));
        assertThat(handle(second)).isEqualTo(new Outcome.Answered("second", 0));
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void tellsTheUserWhenTheModelFailsMidReply() {
        model.failsAfter(new ModelException("decode failed"), "Let me", " think");
        InboundMessage message = mention(ALICE, "hard question");

        Outcome outcome = handle(message);

        assertThat(outcome).isEqualTo(new Outcome.Failed("decode failed"));
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.FAILED);
        assertThat(sink.completed()).isEmpty();
        assertThat(model.allStreamsClosed()).isTrue();
        assertThat(memory.turns(message.conversationKey())).isEmpty();
    }

    @Test
    void tellsTheUserWhenTheModelCannotStart() {
        model.failsToStart(new ModelException("no slot"));

        Outcome outcome = handle(mention(ALICE, "hard question"));

        assertThat(outcome).isEqualTo(new Outcome.Failed("no slot"));
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.FAILED);
    }

    @Test
    void treatsAnEmptyReplyAsAFailure() {
        model.replies("  ", "\n");

        Outcome outcome = handle(mention(ALICE, "say nothing"));

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.FAILED);
        assertThat(sink.completed()).isEmpty();
    }

    @Test
    void remembersTheConversationSoTheSecondPromptHoldsTheFirstExchange() {
        model.replies("Paris.").replies("About two million.");

        handle(mention(ALICE, "capital of France?"));
        Outcome second = handle(mention(ALICE, "how many people live there?"));

        assertThat(second).isEqualTo(new Outcome.Answered("About two million.", 0));
        assertThat(model.requests().get(1).turns()).containsExactly(
                ChatTurn.system(SYSTEM_PROMPT),
                ChatTurn.user("capital of France?"),
                ChatTurn.assistant("Paris."),
                ChatTurn.user("how many people live there?"));
    }

    @Test
    void saysHowManyTurnsDidNotFitTheContext() {
        model.replies("one two three four five six seven eight").replies("ok");
        handle(mention(ALICE, "one two three four five six seven eight"));

        // system 3 + history 16 + new 12 = 31 > 30: the first exchange is left out
        Outcome second = handle(mention(ALICE, "one two three four five six seven eight nine ten eleven twelve"));

        assertThat(second).isEqualTo(new Outcome.Answered("ok", 2));
        assertThat(model.requests().get(1).turns()).hasSize(2);
    }

    @Test
    void aCommandNotAddressedToTheBotIsLeftToThePeopleInTheChannel() {
        Outcome outcome = handle(message(GENERAL, ALICE, "/shrug", false));

        assertThat(outcome).isEqualTo(new Outcome.Ignored("not addressed to the bot"));
        assertThat(sink.notices()).isEmpty();
    }

    @Test
    void answersCommandsWithANoticeAndNeverCallsTheModel() {
        Outcome outcome = handle(mention(ALICE, "/help"));

        assertThat(outcome).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(sink.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.COMMAND_REPLY);
            assertThat(notice.text()).contains("/reset");
        });
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void resetCommandMakesTheNextPromptStartAfresh() {
        model.replies("Paris.").replies("Hello.");
        handle(mention(ALICE, "capital of France?"));

        handle(mention(ALICE, "/reset"));
        handle(mention(ALICE, "hello"));

        assertThat(model.requests().get(1).turns()).containsExactly(
                ChatTurn.system(SYSTEM_PROMPT), ChatTurn.user("hello"));
    }

    @Test
    void blocksTheNextMessageAfterAnAdminAddedATerm() {
        Outcome added = handle(mention(ADMIN, "/moderation terms add spoiler"));
        Outcome blocked = handle(mention(ALICE, "here is a SPOILER for you"));

        assertThat(added).isEqualTo(new Outcome.CommandAnswered("Blocked \"spoiler\"."));
        assertThat(blocked).isInstanceOf(Outcome.Blocked.class);
        assertThat(sink.notices()).extracting(Notice::kind)
                .containsExactly(Notice.Kind.COMMAND_REPLY, Notice.Kind.INPUT_BLOCKED);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void aTermAnAdminBlockedInOneChannelBlocksTheNextMessageThereOnly() {
        model.replies("Sure.");
        Location random = new Location(GENERAL.platform(), GENERAL.scopeId(), "random", null);

        assertThat(handle(mention(ADMIN, "/moderation channel terms add spoiler")))
                .isEqualTo(new Outcome.CommandAnswered("Blocked \"spoiler\" in this channel."));

        assertThat(handle(mention(ALICE, "a spoiler for you"))).isInstanceOf(Outcome.Blocked.class);
        assertThat(handle(message(random, ALICE, "a spoiler for you", true))).isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void failsTheFutureInsteadOfHangingWhenTheSinkBreaksWhileStreaming() {
        model.replies("Hello", " there", " friend");
        RecordingReplySink broken = RecordingReplySink.failingOn(RecordingReplySink.Call.PROGRESS);

        CompletableFuture<Outcome> outcome = pipeline.handle(mention(ALICE, "hi"), broken);

        assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("platform unavailable");
        assertThat(model.allStreamsClosed()).isTrue();
    }

    @Test
    void failsTheFutureInsteadOfHangingWhenTheSinkBreaksOnCompletion() {
        model.replies("Hello.");
        RecordingReplySink broken = RecordingReplySink.failingOn(RecordingReplySink.Call.COMPLETE);

        CompletableFuture<Outcome> outcome = pipeline.handle(mention(ALICE, "hi"), broken);

        assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void failsTheFutureWhenTheSinkBreaksOnANotice() {
        RecordingReplySink broken = RecordingReplySink.failingOn(RecordingReplySink.Call.NOTICE);

        CompletableFuture<Outcome> outcome = pipeline.handle(mention(ALICE, "/help"), broken);

        assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("platform unavailable");
    }

    @Test
    void doesNotBlameTheModelWhenAClosedSinkThrowsIllegalState() {
        model.replies("Hello", " there", " friend");
        RecordingReplySink closed = RecordingReplySink.failingOn(RecordingReplySink.Call.PROGRESS,
                new IllegalStateException("sink closed"));

        CompletableFuture<Outcome> outcome = pipeline.handle(mention(ALICE, "hi"), closed);

        assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("sink closed");
        assertThat(closed.notices()).as("no 'the model could not answer' notice").isEmpty();
        assertThat(model.allStreamsClosed()).isTrue();
    }

    @Test
    void tellsTheUserWhenTheModelWasClosed() {
        model.failsToStart(new IllegalStateException("model closed"));

        assertThat(handle(mention(ALICE, "hi"))).isEqualTo(new Outcome.Failed("model closed"));
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.FAILED);
    }

    @Test
    void keepsServingAfterASinkBrokeOnAQueueThread() {
        model.replies("Hello").replies("Still", " here.");
        CompletableFuture<Outcome> broken = pipeline.handle(mention(ALICE, "hi"),
                RecordingReplySink.failingOn(RecordingReplySink.Call.COMPLETE));
        assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

        assertThat(handle(mention(BOB, "anyone?"))).isEqualTo(new Outcome.Answered("Still here.", 0));
    }

    /** A listener that writes down what it hears. */
    private static final class HeardEvents implements PipelineEvents {
        final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void handled(InboundMessage message, Outcome outcome) {
            heard.add(message.text() + " -> " + outcome.getClass().getSimpleName());
        }

        @Override
        public void firstVisible(InboundMessage message, Duration sinceArrival) {
            heard.add(message.text() + " first visible after " + sinceArrival);
        }
    }

    private ChatPipeline listenedTo(PipelineEvents events) {
        return withChannels(new RateLimit(60, 10)).events(events).build();
    }

    @Test
    void events_hearEachOutcomeAndTheFirstVisibleTextOfAnswersOnly() {
        var events = new HeardEvents();
        pipeline = listenedTo(events);
        model.replies("Hello", " there.");

        handle(mention(ALICE, "hi"));
        handle(mention(ALICE, "how to make a bomb"));

        assertThat(events.heard).containsExactly("hi first visible after PT0S", "hi -> Answered",
                "how to make a bomb -> Blocked");
    }

    @Test
    void stopTaking_refusesNewQuestionsWithARestartNoticeButStillRunsCommands() {
        pipeline.stopTaking();

        Outcome question = handle(mention(ALICE, "hi"));
        Outcome command = handle(mention(ALICE, "/help"));

        assertThat(question).isEqualTo(new Outcome.Busy());
        assertThat(command).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(sink.notices()).first().isEqualTo(
                new Notice(Notice.Kind.BUSY, "I am restarting; please ask again in a minute."));
        assertThat(model.requests()).isEmpty();
    }
}
