package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each start-up failure a newcomer meets ends in one line that says what to change, not in a
 * stack trace: the packaged jar started as a person would, once per failure.
 */
class StartupFailureIT {

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(model);
    }

    private static String[] args(String... extra) {
        List<String> all = new ArrayList<>(List.of("--parley.model.path=" + model, "--parley.model.context-size=512",
                "--parley.model.max-new-tokens=4"));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    private static ParleyProcess.Result run(String name, String... extra) throws Exception {
        return new ParleyProcess(Files.createDirectories(dir.resolve(name))).run("", args(extra));
    }

    /** The last line says why; no line of the output is a stack trace's. */
    private static void assertOneLine(ParleyProcess.Result result, String expected) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(Launcher.CANNOT_START);
        assertThat(result.stderrLines()).as(result.stderr())
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by") || line.contains("unexpected"))
                .filteredOn(line -> line.startsWith("parley: ")).containsExactly("parley: cannot start: " + expected);
        assertThat(result.stderrLines().getLast()).isEqualTo("parley: cannot start: " + expected);
    }

    @Test
    void portOutOfRange() throws Exception {
        var result = run("port", "--server.port=70000");

        assertOneLine(result, "the health and metrics server cannot start (port out of range:70000); set "
                + "PARLEY_HTTP_PORT (server.port) to a free port from 1 to 65535, or 0 for any free one");
    }

    @Test
    void malformedUrlProperty() throws Exception {
        var result = run("url", "--parley.model.backend=openai", "--parley.model.openai.base-url=http://exa mple");

        assertOneLine(result, "invalid parley.model.openai: baseUrl must be an http or https URL with a host, "
                + "was http://exa%20mple");
    }

    @Test
    void personaScalingAnAdapterThatIsNotLoaded() throws Exception {
        var result = run("persona-lora", "--parley.bot.personas.pirate.system-prompt=Arr.",
                "--parley.bot.personas.pirate.adapter-scales.pirate-lora=0.5");

        assertOneLine(result, "invalid persona parley.bot.personas.pirate: no LoRA adapter named 'pirate-lora' is "
                + "loaded (parley.model.lora.path names none)");
    }

    @Test
    void wrongDatabasePassword() throws Exception {
        String url = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("password").resolve("db");
        var first = run("password", url, "--spring.datasource.password=right");
        assertThat(first.exitCode()).as(first.stderr()).isZero();

        var result = run("password", url, "--spring.datasource.password=wrong");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(Launcher.CANNOT_START);
        assertThat(result.stderrLines().getLast()).startsWith("parley: cannot start: the database refused the user name"
                        + " or password (Wrong user name or password")
                .endsWith("); set PARLEY_DATABASE_USER and PARLEY_DATABASE_PASSWORD (spring.datasource.username, .password)");
        assertThat(result.stderr()).doesNotContain("\tat ", "Caused by", "unexpected");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "PARLEY_TEST_POSTGRES_URL", matches = ".+")
    void wrongPostgresPassword() throws Exception {
        var result = run("postgres", "--spring.datasource.url=" + System.getenv("PARLEY_TEST_POSTGRES_URL"),
                "--spring.datasource.username=" + System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_USER", "parley"),
                "--spring.datasource.password=certainly-not-the-password");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(Launcher.CANNOT_START);
        assertThat(result.stderrLines().getLast()).startsWith("parley: cannot start: the database refused the user name or password (")
                .endsWith("); set PARLEY_DATABASE_USER and PARLEY_DATABASE_PASSWORD (spring.datasource.username, .password)");
        assertThat(result.stderr()).doesNotContain("\tat ", "certainly-not-the-password");
    }

    @Test
    void secondBotOnTheSameH2File() throws Exception {
        Path work = Files.createDirectories(dir.resolve("twice"));
        // the first bot chats on the console until its input ends: it holds ./data/parley meanwhile
        ParleyProcess.Running first = new ParleyProcess(work).start(args());
        try {
            // the console says where its log is when the chat starts: the database is open by then
            while (!first.stderr().contains("parley: the log is in")) {
                assertThat(first.process().isAlive()).as(first.stderr()).isTrue();
                Thread.sleep(100);
            }

            var result = new ParleyProcess(work).run("", args());

            assertOneLine(result, "the database ./data/parley is in use by another Parley process; stop that one,"
                    + " or give this one a database of its own with PARLEY_DATABASE_URL");
        } finally {
            first.kill();
        }
    }

    @Test
    void discordUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        var result = run("discord", "--parley.discord.token=MTIz.not-a-real.token",
                "--parley.discord.rest-url=http://127.0.0.1:" + closedPort + "/api/v10/");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(Launcher.CANNOT_START);
        assertThat(result.stderrLines().getLast())
                .startsWith("parley: cannot start: could not reach Discord at http://127.0.0.1:" + closedPort + "/api/v10/ (");
        assertThat(result.stderr()).doesNotContain("\tat ", "Caused by", "ContextException", "not-a-real");
    }
}
