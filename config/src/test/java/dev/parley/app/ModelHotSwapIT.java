package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.model.ChatModel;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.settings.ScopeKey;
import dev.parley.testkit.gguf.TinyLlamaModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /model load|show|rollback} through the whole application, with the real llama.cpp runtime
 * and two generated models A and B (other weights, so other greedy replies): the replies running
 * when B is loaded finish on A, a question queued behind them is answered by B, and only the
 * operators may use the command.
 */
@SpringBootTest(properties = {
    "parley.console.enabled=false",
    "parley.model.temperature=0",
    "parley.model.max-new-tokens=128",
    "parley.model.context-size=512",
    "parley.model.parallel=4",
    "parley.model.threads=1", // ggml's threads spin: one never waits, whatever else the machine runs
    "parley.operators.discord=op-1",
    "parley.limits.user-per-minute=1000",
    "parley.limits.user-burst=1000",
    "parley.limits.channel-per-minute=1000",
    "parley.limits.channel-burst=1000",
    "parley.limits.server-per-minute=1000",
    "parley.limits.server-burst=1000",
    "spring.datasource.url=jdbc:h2:mem:model-hot-swap;DB_CLOSE_DELAY=-1"
})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelHotSwapIT {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String QUESTION = "hello there";
    private static final Path DIR;
    private static final Path MODEL_A;
    private static final Path MODEL_B;

    static {
        try {
            DIR = Files.createTempDirectory("parley-hot-swap");
            MODEL_A = DIR.resolve("model-a.gguf");
            MODEL_B = DIR.resolve("model-b.gguf");
            TinyLlamaModel.builder().seed(1).build().writeTo(MODEL_A);
            TinyLlamaModel.builder().seed(2).build().writeTo(MODEL_B);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("parley.model.path", MODEL_A::toString);
    }

    @Autowired
    ChatPipeline pipeline;

    @Autowired
    AuditLog audit;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ChatModel model;

    @Test
    @Order(1)
    void whileFourRepliesStreamOnALoadingBCompletesTheyFinishOnAAndTheQueuedOneIsAnsweredByB() throws Exception {
        String replyOfA = ask("before");
        var release = new CountDownLatch(1);
        List<HeldSink> sinks = new ArrayList<>();
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var sink = new HeldSink(release);
            sinks.add(sink);
            running.add(pipeline.handle(question("running-" + i), sink));
        }
        for (HeldSink sink : sinks) {
            assertThat(sink.streaming.await(60, TimeUnit.SECONDS)).as("a reply streaming on A").isTrue();
        }
        // every slot is busy: this one waits in the queue
        CompletableFuture<Outcome> queued = pipeline.handle(question("queued"), new RecordingSink());

        String answer = command(console(), "/model load " + MODEL_B);

        release.countDown();
        assertThat(answer).startsWith("Now serving model-b.gguf (sha256 ").contains("llama", "512 tokens of context")
                .doesNotContain("\n");
        for (CompletableFuture<Outcome> reply : running) {
            assertThat(replyText(reply)).as("a reply that started on A").isEqualTo(replyOfA);
        }
        String replyOfB = ask("after");
        assertThat(replyOfB).as("B's greedy reply").isNotEqualTo(replyOfA);
        assertThat(replyText(queued)).as("the question queued during the swap, answered by B").isEqualTo(replyOfB);
        assertThat(((SwappableChatModel) model).retiringModels()).as("A closed after its last reply").isZero();
        assertThat(meters.get("parley.model.swaps").tag("outcome", "switched").functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("parley.model.loaded").gauge().value()).isEqualTo(1.0);
        assertThat(audit.recent(new ScopeKey(Platform.CONSOLE, "it"), 10)).extracting(AuditEntry::action)
                .contains("model.load");
    }

    @Test
    @Order(2)
    void aTruncatedFileLeavesTheServingModelWithAOneLineReason() throws IOException {
        Path truncated = DIR.resolve("truncated.gguf");
        byte[] whole = Files.readAllBytes(MODEL_A);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        String shownBefore = command(console(), "/model show");
        String replyBefore = ask("truncated-before");

        String answer = command(console(), "/model load " + truncated);

        assertThat(answer).startsWith("Not loaded, still serving model-b.gguf: ").contains("truncated.gguf")
                .doesNotContain("\n");
        assertThat(command(console(), "/model show")).isEqualTo(shownBefore);
        assertThat(ask("truncated-after")).isEqualTo(replyBefore);
        assertThat(meters.get("parley.model.swaps").tag("outcome", "refused").functionCounter().count()).isEqualTo(1);
        assertThat(audit.recent(new ScopeKey(Platform.CONSOLE, "it"), 10)).extracting(AuditEntry::action)
                .contains("model.load.refused");
    }

    @Test
    @Order(3)
    void onlyOperatorsMayUseTheCommandEvenAServersAdminIsRefused() {
        var admin = new Author("guild-admin", "Grace", Set.of(), true, false);
        var operator = new Author("op-1", "Olga", Set.of(), false, false);

        String refusedLoad = command(admin, "/model load " + MODEL_A);
        String refusedShow = command(admin, "/model show");
        String shown = command(operator, "/model show");

        assertThat(refusedLoad).isEqualTo("Only the bot's operators can see or change the model.");
        assertThat(refusedShow).isEqualTo(refusedLoad);
        assertThat(shown).startsWith("Model: model-b.gguf (sha256 ").contains("LoRA none", "serving since");
    }

    @Test
    @Order(4)
    void rollbackServesTheModelFromBeforeTheLastLoadAgain() {
        String replyOfB = ask("rollback-before");

        String answer = command(console(), "/model rollback");

        assertThat(answer).startsWith("Now serving model-a.gguf");
        assertThat(ask("rollback-after")).isNotEqualTo(replyOfB).isEqualTo(ask("rollback-again"));
        assertThat(command(new Author("bob", "Bob", Set.of(), false, false), "/model rollback"))
                .isEqualTo("Only the bot's operators can see or change the model.");
    }

    private String ask(String channel) {
        return replyText(pipeline.handle(question(channel), new RecordingSink()));
    }

    private static String replyText(CompletableFuture<Outcome> reply) {
        Outcome outcome = reply.orTimeout(120, TimeUnit.SECONDS).join();
        assertThat(outcome).isInstanceOf(Outcome.Answered.class);
        return ((Outcome.Answered) outcome).reply();
    }

    /** The same question in a conversation of its own, so that only the model decides the reply. */
    // one user per channel: the replies are asked at once, faster than the queue's workers start them,
    // and one user may have only three questions waiting (parley.limits.queue-per-user)
    private static InboundMessage question(String channel) {
        return new InboundMessage("m" + IDS.incrementAndGet(), new Location(Platform.CONSOLE, "it", channel, null),
                new Author("user-" + channel, "Ada", Set.of(), false, false), QUESTION, null, false, true, Instant.now());
    }

    private static Author console() {
        return new Author("local", "you", Set.of(), true, false);
    }

    /** A command's answer; the console's person types it there, everyone else on Discord. */
    private String command(Author author, String text) {
        Platform platform = author.id().equals("local") ? Platform.CONSOLE : Platform.DISCORD;
        var message = new InboundMessage("m" + IDS.incrementAndGet(), new Location(platform, "it", "commands", null),
                author, text, null, true, true, Instant.now());
        var sink = new RecordingSink();
        Outcome outcome = pipeline.handle(message, sink).orTimeout(120, TimeUnit.SECONDS).join();
        assertThat(outcome).isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(sink.notices).extracting(Notice::kind).containsExactly(Notice.Kind.COMMAND_REPLY);
        return ((Outcome.CommandAnswered) outcome).reply();
    }

    /** A sink that holds its reply's stream open at the first piece shown until released. */
    private static final class HeldSink extends RecordingSink {
        final CountDownLatch streaming = new CountDownLatch(1);
        private final CountDownLatch release;

        HeldSink(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void progress(String visibleSoFar) {
            super.progress(visibleSoFar);
            streaming.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
