package dev.parley.app.model;

import dev.parley.core.model.ModelException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Finds a model file to load: the configured path as it is (the runtime checks it), or a model
 * in the models directory, downloaded there on first start: the default chat model, or any other
 * (the guard's) through {@link #inModelsDir}.
 */
public final class ModelFileLocator {

    /**
     * Fetches a model from a URL into a file, checking it against {@code sha256} when given;
     * one-line {@link ModelException} on failure.
     */
    @FunctionalInterface
    public interface Download {
        void fetch(URI source, Path target, @Nullable String sha256);
    }

    private final ModelProperties properties;
    private final Download download;

    public ModelFileLocator(ModelProperties properties, Download download) {
        this.properties = properties;
        this.download = download;
    }

    /**
     * The default chat model: Qwen3-0.6B, Q8_0, from Qwen's own GGUF repository at a fixed
     * revision, so the file behind the URL cannot change under its checksum (639,446,688 bytes,
     * Apache 2.0). docs/models.md says why this model.
     */
    static final URI DEFAULT_URL = URI.create(
            "https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/resolve/23749fefcc72300e3a2ad315e1317431b06b590a/Qwen3-0.6B-Q8_0.gguf");
    static final String DEFAULT_SHA256 = "9465e63a22add5354d9bb4b99e90117043c7124007664907259bd16d043bb031";

    /**
     * The chat model file, downloading the default model if it is not there yet. The default
     * model is checked against its pinned SHA-256; a URL of the operator's own against its size
     * and header only.
     */
    public Path locate() {
        if (properties.path() != null) {
            return properties.path();
        }
        URI url = properties.downloadUrl();
        return inModelsDir(url, url.equals(DEFAULT_URL) ? DEFAULT_SHA256 : null, "parley.model.download-url");
    }

    /**
     * The file {@code url} names, in the models directory ({@code parley.model.models-dir}),
     * downloaded there first if it is not there yet. A file already there is used as it is: its
     * checksum was checked when it was downloaded.
     *
     * @param sha256 the file's expected SHA-256, or null to check size and header only
     * @param urlProperty the setting that gave the URL, for the message when it names no file
     */
    public Path inModelsDir(URI url, @Nullable String sha256, String urlProperty) {
        Path target = properties.modelsDir().resolve(fileName(url, urlProperty));
        if (!Files.isRegularFile(target)) {
            download.fetch(url, target, sha256);
        }
        return target;
    }

    static String fileName(URI url, String urlProperty) {
        String path = url.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isBlank()) {
            throw new ModelException(urlProperty + " " + url + " names no file; "
                    + "give a URL that ends in the model's file name, or set the model's path");
        }
        return name;
    }
}
