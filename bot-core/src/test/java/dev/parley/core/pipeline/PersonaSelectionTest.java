package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.persona.InMemoryPersonaChoices;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaCatalog;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each channel answers with its own persona: system prompt, sampling and adapter scales. */
class PersonaSelectionTest {

    private static final Persona HELPER = new Persona("helper", "You are helpful.", new GenerationSettings(8, 0.7f, 1));
    private static final Persona PIRATE = new Persona("pirate", "You are a pirate.", new GenerationSettings(5, 1.2f, 7),
            Map.of("pirate-lora", 0.8f));

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of(), Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out"), normaliser);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedChatModel model = new ScriptedChatModel(100);
    private final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock);
    private final InferenceQueue queue = new InferenceQueue(1, 10);
    private final PersonaSelector personas = new PersonaSelector(
            new PersonaCatalog(List.of(HELPER, PIRATE), "helper"), new InMemoryPersonaChoices());
    private final PipelineParts parts = new PipelineParts(clock, settings, policies, moderator, queue, model, memory,
            audit);
    private final ChatPipeline pipeline = parts.builder(
                    new PipelineSettings("unused", new GenerationSettings(50, 0f, 0), new RateLimit(100, 100), 500),
                    parts.commands().personas(personas).build())
            .rateLimiter(new RateLimiter(clock, clock, Duration.ofMinutes(1), 100))
            .personas(personas)
            .build();

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    private Outcome handle(InboundMessage message, RecordingReplySink sink) throws Exception {
        return pipeline.handle(message, sink).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aChannelWithoutAChoiceAnswersWithTheDefaultPersona() throws Exception {
        model.replies("Hi.");

        handle(mention(ALICE, "hello"), new RecordingReplySink());

        assertThat(model.requests()).singleElement().satisfies(request -> {
            assertThat(request.turns().getFirst()).isEqualTo(ChatTurn.system("You are helpful."));
            assertThat(request.settings()).isEqualTo(HELPER.generation());
            assertThat(request.adapterScales()).isEmpty();
        });
    }

    @Test
    void anAdminsChoiceChangesSystemPromptSamplingAndAdaptersOfThatChannelOnly() throws Exception {
        var sink = new RecordingReplySink();
        handle(mention(ADMIN, "/bot persona Pirate"), sink);
        model.replies("Arr.").replies("Hi.");

        handle(mention(ALICE, "hello"), new RecordingReplySink());
        Location elsewhere = new Location(GENERAL.platform(), GENERAL.scopeId(), "other-channel", null);
        handle(new InboundMessage("m-2", elsewhere, ALICE, "hello", null, true, false, clock.instant()),
                new RecordingReplySink());

        assertThat(sink.notices().getFirst().text()).isEqualTo("Persona here is now pirate.");
        assertThat(model.requests().get(0).turns().getFirst()).isEqualTo(ChatTurn.system("You are a pirate."));
        assertThat(model.requests().get(0).settings()).isEqualTo(PIRATE.generation());
        assertThat(model.requests().get(0).adapterScales()).containsEntry("pirate-lora", 0.8f);
        assertThat(model.requests().get(1).turns().getFirst()).isEqualTo(ChatTurn.system("You are helpful."));
        assertThat(audit.recent(ScopeKey.of(GENERAL), 5)).extracting(AuditEntry::action).containsExactly("bot.persona");
    }

    @Test
    void nonAdminsMaySeeButNotChooseAndUnknownNamesAreRefused() throws Exception {
        var sink = new RecordingReplySink();

        handle(mention(ALICE, "/bot persona pirate"), sink);
        handle(mention(ALICE, "/bot persona"), sink);
        handle(mention(ADMIN, "/bot persona ninja"), sink);

        assertThat(sink.notices()).extracting(Notice::text).containsExactly(
                "Only admins of this server can choose the persona.",
                "Persona here: helper. Available: helper, pirate.",
                "No persona is called \"ninja\". Available: helper, pirate.");
        assertThat(personas.personaFor(GENERAL)).isEqualTo(HELPER);
        assertThat(audit.recent(ScopeKey.of(GENERAL), 5)).isEmpty();
    }
}
