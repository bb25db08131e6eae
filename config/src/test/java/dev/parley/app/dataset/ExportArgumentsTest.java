package dev.parley.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.dataset.Selection;
import dev.parley.core.settings.ScopeKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExportArgumentsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    @Test
    void parse_readsEveryArgument() throws Exception {
        var arguments = ExportArguments.parse(List.of("export", "--scope", "Discord:123", "--scope", "telegram:-100",
                "--since", "2026-11-01", "--until", "2026-11-15T12:00:00Z", "--out", "ds", "--include-unrated",
                "--names", "names.txt", "--lexical-only", "--database-url", "jdbc:h2:mem:x"), NOW);

        assertThat(arguments).isEqualTo(new ExportArguments(
                List.of(new ScopeKey(Platform.DISCORD, "123"), new ScopeKey(Platform.TELEGRAM, "-100")),
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-15T12:00:00Z"), Path.of("ds"),
                Selection.NO_THUMBS_DOWN, Path.of("names.txt"), true, "jdbc:h2:mem:x"));
    }

    @Test
    void parse_withoutUntil_endsNow_andSelectsThumbsUp() throws Exception {
        var arguments = ExportArguments.parse(List.of("export", "--scope", "discord:1", "--since", "2026-11-01",
                "--out", "ds"), NOW);

        assertThat(arguments.until()).isEqualTo(NOW);
        assertThat(arguments.selection()).isEqualTo(Selection.THUMBS_UP);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                               | missing action
            import --scope discord:1                                         | unknown action import
            export --since 2026-11-01 --out d                                | --scope is required
            export --scope discord:1 --out d                                 | --since is required
            export --scope discord:1 --since 2026-11-01                      | --out is required
            export --scope discord --since 2026-11-01 --out d                | --scope must be PLATFORM:ID
            export --scope discord:1 --since 1/11/2026 --out d               | --since must be a date
            export --scope discord:1 --since 2026-11-01 --until 2026-10-01 --out d | must be before --until
            export --scope discord:1 --since 2027-01-01 --out d              | must be before now
            export --scope discord:1 --since --out d                         | --since needs a value
            export --scope discord:1 --since 2026-11-01 --out d --verbose    | unknown argument --verbose
            """)
    void run_aBadArgumentIsOneLineAndExitTwo(String args, String reason) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var command = new DatasetCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), InstantSource.fixed(NOW));

        int status = command.run(args.isEmpty() ? List.of() : List.of(args.split(" ")));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("parley dataset: ").contains(reason);
    }
}
