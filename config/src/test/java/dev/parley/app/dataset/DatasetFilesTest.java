package dev.parley.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.dataset.DatasetFiles.WrittenFile;
import dev.parley.app.dataset.FineTuningFormat.Message;
import dev.parley.core.conversation.Platform;
import dev.parley.core.dataset.Dataset;
import dev.parley.core.dataset.DatasetSummary;
import dev.parley.core.dataset.PreferencePair;
import dev.parley.core.dataset.Selection;
import dev.parley.core.dataset.SftExample;
import dev.parley.core.settings.ScopeKey;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DatasetFilesTest {

    private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path dir;

    private final DatasetFiles files = new DatasetFiles();
    private final FineTuningFormat format = new FineTuningFormat();

    private static Dataset dataset() {
        var summary = new DatasetSummary(List.of(new ScopeKey(Platform.TELEGRAM, "-100123")), SINCE, NOW,
                Selection.THUMBS_UP, 7, 2, 1, 1, Map.of("input harassment/threatening", 1), 0, 1,
                Map.of("base.gguf", 3), Map.of("", 2, "tone.gguf", 1), Map.of("u0123456789abcdef", 3),
                SINCE.plusSeconds(60), SINCE.plusSeconds(3600));
        return new Dataset(List.of(new SftExample("", "oi", "olá! \"tudo\" bem?\n😀"),
                new SftExample("You are Parley.", "2+2?", "4")),
                List.of(new PreferencePair("a poem?", "violets", "roses")), summary);
    }

    @Test
    void sftLine_hasASystemMessageOnlyWhenThePersonaHasAPrompt() {
        assertThat(format.chat(files.sftLine(new SftExample("", "hi", "hello"))).messages())
                .containsExactly(new Message("user", "hi"), new Message("assistant", "hello"));
        assertThat(format.chat(files.sftLine(new SftExample("Be brief.", "hi", "hello"))).messages())
                .containsExactly(new Message("system", "Be brief."), new Message("user", "hi"),
                        new Message("assistant", "hello"));
    }

    @Test
    void sftLine_escapesQuotesNewlinesAndKeepsUnicode_onOneLine() {
        String line = files.sftLine(new SftExample("", "oi", "olá! \"tudo\" bem?\n😀"));

        assertThat(line).doesNotContain("\n");
        assertThat(format.chat(line).messages().getLast().content()).isEqualTo("olá! \"tudo\" bem?\n😀");
    }

    @Test
    void dpoLine_isPromptChosenRejected() {
        assertThat(format.preference(files.dpoLine(new PreferencePair("p", "c", "r"))))
                .isEqualTo(new FineTuningFormat.PreferenceLine("p", "c", "r"));
    }

    @Test
    void write_writesTheThreeFiles_andTheManifestHasTheirSha256AndTheFigures() throws Exception {
        List<WrittenFile> written = files.write(dataset(), dir.resolve("out"), NOW, "local tier");

        assertThat(written).extracting(WrittenFile::name).containsExactly("sft.jsonl", "dpo.jsonl", "manifest.json");
        List<String> sft = Files.readAllLines(dir.resolve("out/sft.jsonl"));
        assertThat(sft).hasSize(2).allSatisfy(format::chat);
        assertThat(Files.readAllLines(dir.resolve("out/dpo.jsonl"))).hasSize(1).allSatisfy(format::preference);
        JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("out/manifest.json")));
        for (String name : List.of("sft.jsonl", "dpo.jsonl")) {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(dir.resolve("out").resolve(name))));
            assertThat(manifest.path("files").path(name).path("sha256").asString()).isEqualTo(sha256);
        }
        assertThat(manifest.path("files").path("sft.jsonl").path("lines").asInt()).isEqualTo(2);
        assertThat(manifest.path("format").asString()).isEqualTo(DatasetFiles.FORMAT);
        assertThat(manifest.path("scopes").get(0).asString()).isEqualTo("telegram:-100123");
        assertThat(manifest.path("counts").path("sft_examples").asInt()).isEqualTo(2);
        assertThat(manifest.path("counts").path("dpo_pairs").asInt()).isEqualTo(1);
        assertThat(manifest.path("dropped").path("moderation").asInt()).isEqualTo(1);
        assertThat(manifest.path("dropped").path("moderation_reasons").path("input harassment/threatening").asInt())
                .isEqualTo(1);
        assertThat(manifest.path("dropped").path("opted_out").asInt()).isEqualTo(1);
        assertThat(manifest.path("adapters").path("none").asInt()).isEqualTo(2);
        assertThat(manifest.path("models").path("base.gguf").asInt()).isEqualTo(3);
        assertThat(manifest.path("date_range").path("first").asString()).isEqualTo("2026-11-01T00:01:00Z");
        assertThat(manifest.path("created_at").asString()).isEqualTo("2026-12-06T09:00:00Z");
    }

    @Test
    void write_neverOverwritesAnEarlierExport() throws Exception {
        files.write(dataset(), dir, NOW, "local tier");
        byte[] before = Files.readAllBytes(dir.resolve("sft.jsonl"));

        assertThatThrownBy(() -> files.write(dataset(), dir, NOW, "local tier"))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(dir.resolve("sft.jsonl"))).isEqualTo(before);
    }

    @Test
    void chat_theStrictReaderRefusesWhatTrainersWouldRefuse() {
        for (String bad : List.of(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"bot\",\"content\":\"x\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"\"},{\"role\":\"assistant\",\"content\":\"x\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":1},{\"role\":\"assistant\",\"content\":\"x\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"x\":1},{\"role\":\"assistant\",\"content\":\"b\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}],\"id\":1}")) {
            assertThatThrownBy(() -> format.chat(bad)).as(bad).isInstanceOf(RuntimeException.class);
        }
    }
}
