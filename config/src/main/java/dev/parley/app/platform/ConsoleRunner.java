package dev.parley.app.platform;

import dev.parley.console.ConsoleAdapter;
import dev.parley.core.pipeline.ChatPipeline;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Runs the console adapter on standard input and output when no platform token is configured; with
 * a platform token the bot serves that platform and leaves the terminal alone.
 */
public final class ConsoleRunner implements ApplicationRunner {

    private final ChatPipeline pipeline;
    private final DiscordProperties discord;
    private final TelegramProperties telegram;
    private final InstantSource clock;
    private final @Nullable String logFile;

    /** @param logFile where the logs go instead of the terminal ({@link ConsoleLogFile}), or null */
    public ConsoleRunner(ChatPipeline pipeline, DiscordProperties discord, TelegramProperties telegram,
            InstantSource clock, @Nullable String logFile) {
        this.pipeline = pipeline;
        this.discord = discord;
        this.telegram = telegram;
        this.clock = clock;
        this.logFile = logFile;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (discord.enabled() || telegram.enabled()) {
            return; // the platform adapters serve; Launcher waits for shutdown
        }
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (logFile != null) {
            System.err.println("parley: the log is in " + logFile);
        }
        // a person at a terminal gets a ready line and a prompt; piped input and output stay bare
        Console terminal = System.console();
        boolean interactive = terminal != null && terminal.isTerminal();
        new ConsoleAdapter(pipeline, in, out, clock, interactive).run();
    }
}
