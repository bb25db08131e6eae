package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the real application while one answer is being generated (real llama.cpp, one slot)
 * and two questions wait: the waiting ones are told the bot is restarting at once, the running one
 * finishes (or is stopped at {@code parley.shutdown.grace}), and the close returns.
 */
class GracefulShutdownIT {

    private static final long WAIT_SECONDS = 60;
    private static final String RESTARTING = "I am restarting and could not answer this; please ask again in a minute.";

    private static ConfigurableApplicationContext start(String name, String grace) {
        return new SpringApplicationBuilder(ParleyApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(
                        "parley.console.enabled=false",
                        "parley.model.path=" + GeneratedModels.tinyModel(),
                        "parley.model.parallel=1",
                        "parley.model.temperature=0",
                        "parley.model.max-new-tokens=32",
                        "parley.model.context-size=512",
                        "parley.limits.user-per-minute=1000",
                        "parley.limits.user-burst=1000",
                        "parley.shutdown.grace=" + grace)
                // a command-line argument: application.yml's file database would override a default property
                .run("--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static InboundMessage question(String user, String id) {
        return new InboundMessage(id, new Location(Platform.TELEGRAM, "shutdown", "chat-" + user, null),
                new Author(user, user, Set.of(), false, false), "tell me a story", null, false, true, Instant.now());
    }

    /** A sink on a slow platform: its first piece of the answer waits until the test lets it through. */
    private static final class SlowSink extends RecordingSink {
        final CountDownLatch firstPiece = new CountDownLatch(1);
        final CountDownLatch letThrough = new CountDownLatch(1);

        @Override
        public void progress(String visibleSoFar) {
            firstPiece.countDown();
            try {
                letThrough.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.progress(visibleSoFar);
        }
    }

    private record Scene(ConfigurableApplicationContext context, SlowSink runningSink,
            CompletableFuture<Outcome> running, List<RecordingSink> waitingSinks,
            List<CompletableFuture<Outcome>> waiting, CompletableFuture<Void> closed) {}

    /** One answer running (held by its slow sink), two waiting, then the context closing on another thread. */
    private static Scene closingWhileBusy(String name, String grace) throws InterruptedException {
        ConfigurableApplicationContext context = start(name, grace);
        ChatPipeline pipeline = context.getBean(ChatPipeline.class);
        var runningSink = new SlowSink();
        CompletableFuture<Outcome> running = pipeline.handle(question("ada", name + "-1"), runningSink);
        assertThat(runningSink.firstPiece.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer started").isTrue();
        var waitingSinks = List.of(new RecordingSink(), new RecordingSink());
        List<CompletableFuture<Outcome>> waiting = List.of(
                pipeline.handle(question("bob", name + "-2"), waitingSinks.get(0)),
                pipeline.handle(question("cyd", name + "-3"), waitingSinks.get(1)));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
        return new Scene(context, runningSink, running, waitingSinks, waiting, closed);
    }

    @Test
    void closingLetsTheRunningAnswerFinishAndTellsTheWaitingOnesTheBotIsRestarting() throws Exception {
        Scene scene = closingWhileBusy("shutdown-finish", "30s");

        // told while the running answer is still held up by its platform
        for (CompletableFuture<Outcome> waiting : scene.waiting()) {
            assertThat(waiting.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(new Outcome.Failed("abandoned at shutdown"));
        }
        assertThat(scene.running()).isNotDone();
        assertThat(scene.closed()).isNotDone();
        for (RecordingSink sink : scene.waitingSinks()) {
            assertThat(sink.notices).containsExactly(new Notice(Notice.Kind.FAILED, RESTARTING));
        }
        scene.runningSink().letThrough.countDown();

        assertThat(scene.running().get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(Outcome.Answered.class);
        scene.closed().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(scene.runningSink().completed).hasSize(1);
        assertThat(scene.context().isActive()).isFalse();
    }

    @Test
    void anAnswerStillRunningAtTheGraceIsStoppedAndTheCloseReturns() throws Exception {
        Scene scene = closingWhileBusy("shutdown-cut", "200ms");

        scene.closed().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(scene.running().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(new Outcome.Stopped(true));
        assertThat(scene.runningSink().completed).isEmpty();
        for (CompletableFuture<Outcome> waiting : scene.waiting()) {
            assertThat(waiting.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(new Outcome.Failed("abandoned at shutdown"));
        }
    }
}
