package dev.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.testing.FakeChatModel;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleAdapterTest {

    /** A model of one slot and 1,000 tokens that counts a token per word, replying as {@code replies}. */
    private static ChatModel wordModel(Function<ChatRequest, ReplyStream> replies) {
        return new FakeChatModel(1000, FakeChatModel.WORDS, replies);
    }

    /** Streams the last user turn back word by word, prefixed with "echo:". */
    private static ChatModel echoModel() {
        return wordModel(request -> {
            List<String> pieces = new ArrayList<>(List.of(" echo:"));
            for (String word : request.turns().getLast().text().split(" ")) {
                pieces.add(" " + word);
            }
            return FakeChatModel.saying(pieces);
        });
    }

    private final InferenceQueue queue = new InferenceQueue(1, 10);
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    /** Says "Let me" and then waits inside next() until its stream is closed (a /stop). */
    private static final class LongReply {
        final CountDownLatch thinking = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        ReplyStream stream(ChatRequest request) {
            return new ReplyStream() {
                private boolean said;

                @Override
                public @Nullable String next() {
                    if (!said) {
                        said = true;
                        return "Let me";
                    }
                    thinking.countDown();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the stream was closed");
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }

    private int chat(String input) {
        return new ConsoleAdapter(pipeline(echoModel()), new BufferedReader(new StringReader(input)), out(),
                InstantSource.system()).run();
    }

    private PrintStream out() {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    /** Runs an interactive console on its own thread; the test types into {@code typing}. */
    private Future<Integer> interactive(ChatModel model, PipedWriter typing) throws IOException {
        var in = new BufferedReader(new PipedReader(typing));
        var adapter = new ConsoleAdapter(pipeline(model), in, out(), InstantSource.system(), true);
        return Executors.newVirtualThreadPerTaskExecutor().submit(adapter::run);
    }

    private void awaitPrinted(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!printed().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never printed \"" + text + "\"; printed: " + printed());
            }
            Thread.sleep(5);
        }
    }

    private ChatPipeline pipeline(ChatModel model) {
        var settings = new InMemorySettingsStore();
        var audit = new InMemoryAuditLog();
        var normaliser = new TextNormaliser();
        var moderator = new Moderator(normaliser);
        var policies = new ModerationPolicies(settings,
                new ModerationDefaults(List.of("forbidden"), Set.of(Direction.INPUT, Direction.OUTPUT),
                        "blocked in", "blocked out"), normaliser);
        var memory = new ConversationMemory(model, new MemoryLimits(10, Duration.ofHours(1), 10, 0), Ticker.systemTicker());
        var commands = CommandService.builder().settings(settings).policies(policies).moderator(moderator)
                .memory(memory).audit(audit).clock(InstantSource.system()).queue(queue).build();
        return ChatPipeline.builder()
                .settings(new PipelineSettings("system", new GenerationSettings(50, 0f, 1), new RateLimit(100,
                        100), 200))
                .commands(commands)
                .policies(policies)
                .moderator(moderator)
                .rateLimiter(new RateLimiter(InstantSource.system(), Ticker.systemTicker(), Duration.ofMinutes(1), 100))
                .queue(queue)
                .model(model)
                .memory(memory)
                .audit(audit)
                .clock(InstantSource.system())
                .build();
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEachStreamedReplyOnceOnItsOwnLineAndStopsAtEndOfInput() {
        int handled = chat("hello there\nsecond line\n");

        assertThat(handled).isEqualTo(2);
        assertThat(printed().lines().toList()).containsExactly("echo: hello there", "echo: second line");
    }

    @Test
    void skipsBlankLines() {
        assertThat(chat("\n   \nhi\n\n")).isEqualTo(1);
        assertThat(printed().lines().toList()).containsExactly("echo: hi");
    }

    @Test
    void showsNoticesWithAPrefixSoTheyAreNotTakenForTheModelsWords() {
        chat("say forbidden things\n");

        assertThat(printed().lines().toList()).containsExactly("[parley] blocked in");
    }

    @Test
    void theConsoleUserIsAnAdmin() {
        chat("/moderation terms add pineapple\nI like pineapple\n");

        assertThat(printed().lines().toList())
                .containsExactly("[parley] Blocked \"pineapple\".", "[parley] blocked in");
    }

    @Test
    void stopTypedWhileAnAnswerStreams_stopsItAtOnce() throws Exception {
        var reply = new LongReply();
        var typing = new PipedWriter();
        Future<Integer> console = interactive(wordModel(reply::stream), typing);

        typing.write("a long question\n");
        typing.flush();
        assertThat(reply.thinking.await(30, TimeUnit.SECONDS)).as("the answer streams").isTrue();
        typing.write("/stop\n");
        typing.flush();

        assertThat(reply.closed.await(30, TimeUnit.SECONDS)).as("the stream was closed by /stop: %s", printed()).isTrue();
        awaitPrinted("[parley] Stopped.\n> ");
        typing.close();
        assertThat(console.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        // the words streamed so far; the person's Enter after /stop began a new line on their terminal
        assertThat(printed()).startsWith(ConsoleAdapter.READY + "\n> Let").contains("[parley] Stopped.\n");
    }

    @Test
    void interactive_saysWhenReadyAndPromptsForEachQuestion() throws Exception {
        var typing = new PipedWriter();
        Future<Integer> console = interactive(echoModel(), typing);

        awaitPrinted(ConsoleAdapter.READY + "\n> ");
        typing.write("hello\n");
        typing.flush();
        awaitPrinted("echo: hello\n> ");
        typing.write("again\n");
        typing.flush();
        awaitPrinted("echo: again\n> ");
        typing.close();

        assertThat(console.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(printed()).isEqualTo(ConsoleAdapter.READY + "\n> echo: hello\n> echo: again\n> \n");
    }

    @Test
    void pipedInput_getsNoReadyLineNorPrompt() {
        chat("hello\n");

        assertThat(printed()).isEqualTo("echo: hello\n");
    }

    @Test
    void anOversizedLineGetsANoticeAndTheSessionGoesOn() {
        chat("x".repeat(201) + "\nstill here\n");

        assertThat(printed().lines().toList())
                .containsExactly("[parley] Your message has 201 characters; I read at most 200.", "echo: still here");
    }
}
