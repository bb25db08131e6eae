package dev.parley.app.dataset;

import dev.parley.core.dataset.Dataset;
import dev.parley.core.dataset.DatasetSummary;
import dev.parley.core.dataset.PreferencePair;
import dev.parley.core.dataset.SftExample;
import dev.parley.core.settings.ScopeKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link Dataset} into a directory: {@value #SFT} (OpenAI's chat fine-tuning lines,
 * {@code {"messages": [system?, user, assistant]}}), {@value #DPO} ({@code {"prompt", "chosen",
 * "rejected"}} lines, as TRL's DPOTrainer reads them) and {@value #MANIFEST} (the figures and the
 * sha256 of each file). Files are created new: an existing one is never overwritten.
 */
public final class DatasetFiles {

    public static final String SFT = "sft.jsonl";
    public static final String DPO = "dpo.jsonl";
    public static final String MANIFEST = "manifest.json";
    public static final String FORMAT = "parley-dataset-1";

    /** A file written, with its line count and the hex sha256 of its bytes. */
    public record WrittenFile(String name, int lines, String sha256) {}

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Writes the three files into {@code dir} (made if missing) and returns them, the manifest last.
     *
     * @param moderation what moderated the texts again, for the manifest
     * @throws FileAlreadyExistsException when {@code dir} already holds one of the files
     */
    public List<WrittenFile> write(Dataset dataset, Path dir, Instant createdAt, String moderation) throws IOException {
        Files.createDirectories(dir);
        for (String name : List.of(SFT, DPO, MANIFEST)) {
            if (Files.exists(dir.resolve(name))) {
                throw new FileAlreadyExistsException(dir.resolve(name).toString(), null,
                        "holds an export already; give --out a new directory");
            }
        }
        WrittenFile sft = lines(dir, SFT, dataset.examples().stream().map(this::sftLine).toList());
        WrittenFile dpo = lines(dir, DPO, dataset.pairs().stream().map(this::dpoLine).toList());
        String manifest = json.writer(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(manifest(dataset.summary(), createdAt, moderation, List.of(sft, dpo))) + "\n";
        return List.of(sft, dpo, lines(dir, MANIFEST, List.of(manifest.stripTrailing())));
    }

    String sftLine(SftExample example) {
        ObjectNode line = json.createObjectNode();
        ArrayNode messages = line.putArray("messages");
        if (!example.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", example.system());
        }
        messages.addObject().put("role", "user").put("content", example.user());
        messages.addObject().put("role", "assistant").put("content", example.assistant());
        return json.writeValueAsString(line);
    }

    String dpoLine(PreferencePair pair) {
        ObjectNode line = json.createObjectNode();
        line.put("prompt", pair.prompt()).put("chosen", pair.chosen()).put("rejected", pair.rejected());
        return json.writeValueAsString(line);
    }

    private ObjectNode manifest(DatasetSummary summary, Instant createdAt, String moderation, List<WrittenFile> files) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("created_at", createdAt.toString());
        ArrayNode scopes = manifest.putArray("scopes");
        summary.scopes().forEach(scope -> scopes.add(scopeName(scope)));
        manifest.put("since", summary.since().toString());
        manifest.put("until", summary.until().toString());
        manifest.put("selection", summary.selection().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        ObjectNode range = manifest.putObject("date_range");
        range.put("first", summary.first() == null ? null : summary.first().toString());
        range.put("last", summary.last() == null ? null : summary.last().toString());
        ObjectNode counts = manifest.putObject("counts");
        counts.put("exchanges_read", summary.exchangesRead());
        counts.put("sft_examples", summary.sftExamples());
        counts.put("dpo_pairs", summary.preferencePairs());
        counts.put("authors", summary.authors().size());
        ObjectNode dropped = manifest.putObject("dropped");
        dropped.put("opted_out", summary.droppedOptedOut());
        dropped.put("moderation", summary.droppedByModerationTotal());
        counted(dropped.putObject("moderation_reasons"), summary.droppedByModeration());
        dropped.put("empty_after_redaction", summary.droppedEmpty());
        dropped.put("identical_pairs", summary.droppedIdenticalPairs());
        manifest.put("moderation", moderation);
        counted(manifest.putObject("models"), summary.models());
        counted(manifest.putObject("adapters"), summary.adapters());
        counted(manifest.putObject("authors"), summary.authors());
        ObjectNode written = manifest.putObject("files");
        for (WrittenFile file : files) {
            written.putObject(file.name()).put("lines", file.lines()).put("sha256", file.sha256());
        }
        return manifest;
    }

    private static void counted(ObjectNode node, Map<String, Integer> counts) {
        // an answer without an adapter is stored as ''; a key that says so reads better
        counts.forEach((name, count) -> node.put(name.isEmpty() ? "none" : name, count));
    }

    static String scopeName(ScopeKey scope) {
        return scope.platform().name().toLowerCase(Locale.ROOT) + ":" + scope.scopeId();
    }

    private static WrittenFile lines(Path dir, String name, List<String> lines) throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream file = Files.newOutputStream(dir.resolve(name), StandardOpenOption.CREATE_NEW);
                var writer = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(file, sha256),
                        StandardCharsets.UTF_8))) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
        return new WrittenFile(name, lines.size(), HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
