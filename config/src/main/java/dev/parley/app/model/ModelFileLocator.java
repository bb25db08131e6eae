package dev.parley.app.model;

import dev.parley.core.model.ModelException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the model file to load: the configured path as it is (the runtime checks it), or the
 * default model in the models directory, downloaded there on first start.
 */
public final class ModelFileLocator {

    /** Fetches a model from a URL into a file; one-line {@link ModelException} on failure. */
    @FunctionalInterface
    public interface Download {
        void fetch(URI source, Path target);
    }

    private final ModelProperties properties;
    private final Download download;

    public ModelFileLocator(ModelProperties properties, Download download) {
        this.properties = properties;
        this.download = download;
    }

    /** The model file, downloading the default model if it is not there yet. */
    public Path locate() {
        if (properties.path() != null) {
            return properties.path();
        }
        Path target = properties.modelsDir().resolve(fileName(properties.downloadUrl()));
        if (!Files.isRegularFile(target)) {
            download.fetch(properties.downloadUrl(), target);
        }
        return target;
    }

    static String fileName(URI url) {
        String path = url.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isBlank()) {
            throw new ModelException("parley.model.download-url " + url + " names no file; "
                    + "give a URL that ends in the model's file name, or set parley.model.path");
        }
        return name;
    }
}
