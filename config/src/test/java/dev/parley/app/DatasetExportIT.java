package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.dataset.FineTuningFormat;
import dev.parley.app.dataset.SeededFeedback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code java -jar parley.jar dataset export ...} on a seeded H2 file, as an operator runs it. */
class DatasetExportIT {

    @TempDir
    Path dir;

    private String seededDatabase() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/parley");
        var dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "parley", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        SeededFeedback.seed(JdbcClient.create(dataSource));
        return url;
    }

    @Test
    void exportWritesTheFiles_theManifestsSha256sMatchThem_andNoPersonalDataLeaves() throws Exception {
        String url = seededDatabase();
        Path out = dir.resolve("export");

        var result = new ParleyProcess(dir).run("", "dataset", "export", "--scope", SeededFeedback.SCOPE,
                "--since", SeededFeedback.SINCE, "--until", SeededFeedback.UNTIL, "--out", out.toString(),
                "--database-url", url);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("5 examples and 2 preference pairs from 10 exchanges");
        JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(out.resolve("manifest.json")));
        for (String name : List.of("sft.jsonl", "dpo.jsonl")) {
            String sha256 = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out.resolve(name))));
            assertThat(manifest.path("files").path(name).path("sha256").asString()).as(name).isEqualTo(sha256);
        }
        assertThat(manifest.path("counts").path("sft_examples").asInt()).isEqualTo(SeededFeedback.SFT_EXAMPLES);
        assertThat(manifest.path("counts").path("dpo_pairs").asInt()).isEqualTo(SeededFeedback.DPO_PAIRS);
        assertThat(manifest.path("dropped").path("opted_out").asInt()).isEqualTo(1);
        assertThat(manifest.path("dropped").path("moderation").asInt()).isEqualTo(1);
        assertThat(manifest.path("scopes").get(0).asString()).isEqualTo(SeededFeedback.SCOPE);
        assertThat(manifest.path("moderation").asString()).contains("learned");
        var format = new FineTuningFormat();
        List<String> sft = Files.readAllLines(out.resolve("sft.jsonl"));
        assertThat(sft).hasSize(SeededFeedback.SFT_EXAMPLES).allSatisfy(format::chat);
        assertThat(Files.readAllLines(out.resolve("dpo.jsonl"))).hasSize(SeededFeedback.DPO_PAIRS)
                .allSatisfy(format::preference);
        assertThat(Files.readString(out.resolve("sft.jsonl")) + Files.readString(out.resolve("dpo.jsonl")))
                .doesNotContain(SeededFeedback.PERSONAL_DATA);
    }

    @Test
    void aBadArgumentExitsTwoWithOneLine() throws Exception {
        var result = new ParleyProcess(dir).run("", "dataset", "export", "--scope", "irc:123", "--since", "2026-11-01",
                "--out", dir.resolve("x").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderrLines()).hasSize(1).first().asString()
                .startsWith("parley dataset: --scope must be PLATFORM:ID");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
