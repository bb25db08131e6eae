package dev.parley.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The command in this JVM on a seeded H2 file, local tier only: the paths around the export itself. */
class DatasetCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String url, String... extra) {
        var command = new DatasetCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("PARLEY_DATABASE_USER", "parley"),
                InstantSource.fixed(Instant.parse("2026-12-06T09:00:00Z")));
        List<String> args = new ArrayList<>(List.of("export", "--scope", SeededFeedback.SCOPE, "--since",
                SeededFeedback.SINCE, "--until", SeededFeedback.UNTIL, "--lexical-only", "--database-url", url));
        args.addAll(List.of(extra));
        return command.run(args);
    }

    private String seeded() {
        String url = "jdbc:h2:file:" + dir.resolve("data/parley");
        var dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "parley", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        SeededFeedback.seed(JdbcClient.create(dataSource));
        return url;
    }

    @Test
    void run_masksTheNamesOfTheNamesFile() throws Exception {
        Path names = Files.writeString(dir.resolve("names.txt"), "# members\nBob\n\n");

        int status = run(seeded(), "--out", dir.resolve("ds").toString(), "--names", names.toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String sft = Files.readString(dir.resolve("ds/sft.jsonl"));
        assertThat(sft).contains("Sure [user], see [url]").doesNotContain("Bob");
    }

    @Test
    void run_withoutNames_leavesTheNameAsTheDocsSay() throws Exception {
        int status = run(seeded(), "--out", dir.resolve("ds").toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(dir.resolve("ds/sft.jsonl"))).contains("Sure Bob, see [url]");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote", "sft.jsonl", "manifest.json");
    }

    @Test
    void run_anExistingExportIsNotOverwritten_oneLineAndExitOne() throws Exception {
        String url = seeded();
        run(url, "--out", dir.resolve("ds").toString());
        err.reset();

        int status = run(url, "--out", dir.resolve("ds").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("parley dataset: ").contains("holds an export already");
    }

    @Test
    void run_aMissingDatabaseFileIsSaidAndNotCreated() {
        int status = run("jdbc:h2:file:" + dir.resolve("nowhere/parley"), "--out", dir.resolve("ds").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("parley dataset: there is no database at");
        assertThat(dir.resolve("nowhere")).doesNotExist();
        assertThat(dir.resolve("ds")).doesNotExist();
    }
}
