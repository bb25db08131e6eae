package dev.parley.app.chat;

import dev.parley.model.download.ModelDownloader;
import dev.parley.model.moderation.GuardFormat;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.moderation.guard.*}: a guard model run on llama.cpp beside the chat model, as the
 * last moderation tier. Off unless {@code model-path} or {@code download} is set.
 *
 * @param modelPath the guard's GGUF file, or unset
 * @param download instead of {@code modelPath}: a guard model fetched into the models directory
 *     ({@code parley.model.models-dir}) on first start, with the chat model's progress bar, resume
 *     and checks; a preset ({@code llama-guard-3-1b}, {@code llama-guard-3-8b}) or an http(s) URL
 *     of a GGUF file
 * @param downloadSha256 the downloaded file's expected SHA-256 (64 hex digits), or unset to check
 *     its size and GGUF header only
 * @param format the guard's prompt and answer format: {@code llama-guard-3} (the default, and a
 *     preset's) or {@code qwen3guard} (Qwen3Guard-Gen, architecture qwen3; no preset, give a URL)
 * @param when {@code always}: every text the earlier tiers did not block; {@code unsure}: only
 *     texts where some category scored at least {@code unsureFrom} but below its threshold
 * @param unsureFrom in (0, 1]: the score from which the earlier tiers count as unsure
 * @param timeout the most one judgement may take, waiting for the guard's slot included
 * @param threads CPU threads for the guard; 0 means one per available core
 * @param contextSize tokens of context for one judgement (the prompt takes about 250 for Llama
 *     Guard 3, about 400 for Qwen3Guard)
 */
@ConfigurationProperties("parley.moderation.guard")
public record GuardProperties(
        @Nullable Path modelPath,
        @Nullable String download,
        @Nullable String downloadSha256,
        @Nullable String format,
        @DefaultValue("unsure") When when,
        @DefaultValue("0.2") double unsureFrom,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("0") int threads,
        @DefaultValue("2048") int contextSize) {

    private static final String PREFIX = "parley.moderation.guard.";

    /** When the guard is asked. */
    public enum When {
        ALWAYS,
        UNSURE
    }

    /**
     * Where the guard model is downloaded from.
     *
     * @param url an http(s) URL ending in the file's name
     * @param sha256 the file's SHA-256 in lowercase hex, or null
     */
    public record Download(URI url, @Nullable String sha256) {}

    public GuardProperties {
        if (!(unsureFrom > 0 && unsureFrom <= 1)) {
            throw new IllegalArgumentException(PREFIX + "unsure-from must be in (0, 1], was " + unsureFrom);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + "timeout must be positive, was " + timeout);
        }
        if (threads < 0) {
            throw new IllegalArgumentException(PREFIX + "threads must be at least 0, was " + threads);
        }
        if (contextSize < 512) {
            // the prompt alone takes about 250 tokens
            throw new IllegalArgumentException(PREFIX + "context-size must be at least 512, was " + contextSize);
        }
        format = blankToNull(format);
        download = blankToNull(download);
        downloadSha256 = blankToNull(downloadSha256);
        if (format != null && GuardFormat.named(format).isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "format must be one of "
                    + Arrays.stream(GuardFormat.values()).map(GuardFormat::configName).toList() + ", was '" + format + "'");
        }
        if (modelPath != null && !modelPath.toString().isBlank() && download != null) {
            throw new IllegalArgumentException("set " + PREFIX + "model-path or " + PREFIX + "download, not both");
        }
        if (downloadSha256 != null) {
            downloadSha256 = downloadSha256.toLowerCase(Locale.ROOT);
            if (download == null) {
                throw new IllegalArgumentException(PREFIX + "download-sha256 is set but " + PREFIX + "download is not");
            }
            if (!ModelDownloader.isSha256(downloadSha256)) {
                throw new IllegalArgumentException(PREFIX + "download-sha256 must be 64 hex digits, was '"
                        + downloadSha256 + "'");
            }
        }
        if (download != null) {
            checkDownload(download, format);
        }
    }

    private static void checkDownload(String download, @Nullable String format) {
        Optional<GuardPreset> preset = GuardPreset.named(download);
        if (preset.isEmpty()) {
            URI url = urlOrNull(download);
            if (url == null) {
                throw new IllegalArgumentException(PREFIX + "download must be one of " + GuardPreset.names()
                        + " or an http(s) URL of a GGUF file, was '" + download + "'");
            }
        }
        GuardFormat chosen = format == null ? null : GuardFormat.named(format).orElseThrow();
        if (preset.isPresent() && chosen != null && chosen != preset.get().format()) {
            throw new IllegalArgumentException(PREFIX + "download " + preset.get().configName() + " is a "
                    + preset.get().format().title() + " model, but " + PREFIX + "format is " + chosen.configName());
        }
        GuardFormat effective = chosen != null ? chosen : preset.map(GuardPreset::format).orElse(GuardFormat.LLAMA_GUARD_3);
        if (!effective.loadsOnBundledRuntime()) {
            // refused before the download: the file would be checked, deleted, and the disk time lost
            throw new IllegalArgumentException(PREFIX + "download: " + effective.title() + " models (architecture "
                    + effective.architecture() + ") do not load on the runtime's llama.cpp; download a Llama Guard 3"
                    + " model (" + String.join(", ", GuardPreset.names()) + ") or give " + PREFIX
                    + "model-path for a file you fetched yourself");
        }
    }

    private static @Nullable URI urlOrNull(String text) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            String path = url.getPath() == null ? "" : url.getPath();
            boolean namesAFile = !path.isEmpty() && !path.endsWith("/");
            return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && namesAFile ? url : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Whether a guard is configured. */
    public boolean enabled() {
        return (modelPath != null && !modelPath.toString().isBlank()) || download != null;
    }

    /** The format the guard is asked in: the one set, else the preset's, else Llama Guard 3. */
    public GuardFormat guardFormat() {
        if (format != null) {
            return GuardFormat.named(format).orElseThrow(); // checked when bound
        }
        return download == null ? GuardFormat.LLAMA_GUARD_3
                : GuardPreset.named(download).map(GuardPreset::format).orElse(GuardFormat.LLAMA_GUARD_3);
    }

    /** Where the guard model is downloaded from, when {@code download} is set. */
    public Optional<Download> downloadSource() {
        if (download == null) {
            return Optional.empty();
        }
        URI url = GuardPreset.named(download).map(GuardPreset::url).orElseGet(() -> URI.create(download));
        return Optional.of(new Download(url, downloadSha256));
    }

    /** Threads to use: the configured count, or one per core. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
