package dev.parley.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the Discord and Telegram fixtures share: the settings every bot under test starts with, and
 * doing what a user does, then waiting until the bot handled it.
 */
interface BotUnderTest {

    /** Messages (or updates) the adapter handled since the application started. */
    long messagesHandled();

    /** Waits until {@code count} were handled, every send went out and the model is idle. */
    void awaitHandled(long count);

    /** Does {@code userAction} (one message or command the bot handles), waits until it is handled; its result. */
    default <T> T handling(Supplier<T> userAction) {
        long handledBefore = messagesHandled();
        T done = userAction.get();
        awaitHandled(handledBefore + 1);
        return done;
    }

    /**
     * The command line of a bot serving {@code model} with H2 in {@code workDir}: greedy decoding,
     * limits no test meets unless it sets its own, no console; then {@code platform}'s settings and
     * {@code extra}, each replacing an earlier one of the same name (Spring would join a repeated
     * one with commas).
     */
    static List<String> arguments(Path model, Path workDir, List<String> platform, List<String> extra) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String setting : List.of(
                "--parley.console.enabled=false",
                "--parley.model.path=" + model,
                "--parley.model.temperature=0",
                // one thread: ggml's threads spin-wait for each other at every step of a token, and on a
                // loaded machine each wait costs a time slice, so two made a token take 0.3 s at load 15
                "--parley.model.threads=1",
                "--parley.model.context-size=512",
                "--parley.limits.user-per-minute=1000",
                "--parley.limits.user-burst=1000",
                "--parley.limits.channel-per-minute=1000",
                "--parley.limits.channel-burst=1000",
                "--parley.limits.server-per-minute=1000",
                "--parley.limits.server-burst=1000",
                "--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE")) {
            byName.put(name(setting), setting);
        }
        for (List<String> settings : List.of(platform, extra)) {
            for (String setting : settings) {
                byName.put(name(setting), setting);
            }
        }
        return List.copyOf(byName.values());
    }

    private static String name(String setting) {
        int equals = setting.indexOf('=');
        return equals < 0 ? setting : setting.substring(0, equals);
    }
}
