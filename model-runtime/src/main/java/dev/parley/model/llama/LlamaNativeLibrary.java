package dev.parley.model.llama;

import de.kherud.llama.LlamaModel;
import dev.parley.core.model.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of loading llama.cpp's native library ({@code libjllama.so}) into this process:
 * available, or not and why, in the manner of netty's {@code isAvailable()} and
 * {@code unavailabilityCause()}, so health checks report it instead of the bot crashing.
 *
 * <p>de.kherud:llama's own loader extracts the library into the shared temp directory under a
 * fixed name (several JVMs doing that at once corrupt each other's copy), prints "Extracted" to
 * stdout, and first deletes every file in that directory whose name starts with {@code llama}
 * or {@code jllama}, models included. So {@link #load(Path)} hands it a directory of its own:
 * the one configured, or a fresh per-process temp directory into which it copies the library
 * from the jar itself; the loader's cleanup is pointed at an empty private directory as well.
 *
 * <p>A JVM loads the library at most once; loading again reports the first outcome.
 */
public final class LlamaNativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(LlamaNativeLibrary.class);
    private static final String LIB_PATH = "de.kherud.llama.lib.path";
    private static final String LOADER_TMPDIR = "de.kherud.llama.tmpdir";
    // system properties are process-wide: two loads must not interleave their settings
    private static final Object PROPERTIES = new Object();

    private final String source;
    private final @Nullable Throwable cause;

    private LlamaNativeLibrary(String source, @Nullable Throwable cause) {
        this.source = source;
        this.cause = cause;
    }

    /**
     * Loads the native library from {@code directory}, or when it is null from the directory in
     * the system property {@code de.kherud.llama.lib.path}, or else from the llama jar through a
     * private temp directory. Never throws: failures are reported by the returned object.
     */
    public static LlamaNativeLibrary load(@Nullable Path directory) {
        synchronized (PROPERTIES) {
            String configured = System.getProperty(LIB_PATH);
            Path libraryDirectory = directory != null ? directory : configured != null ? Path.of(configured) : null;
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("parley-jllama-");
                String source;
                if (libraryDirectory == null) {
                    libraryDirectory = extractFromJar(scratch);
                    source = "the de.kherud:llama jar";
                } else {
                    source = libraryDirectory.toString();
                    Path library = libraryDirectory.resolve(System.mapLibraryName("jllama"));
                    if (!Files.isRegularFile(library)) {
                        return unavailable(source, new IllegalStateException("no " + library.getFileName() + " in " + libraryDirectory));
                    }
                }
                Path loaderTmp = Files.createDirectory(scratch.resolve("loader-tmp"));
                return initialise(source, libraryDirectory, loaderTmp);
            } catch (IOException | RuntimeException e) {
                return unavailable("the de.kherud:llama jar", e);
            } finally {
                deleteQuietly(scratch);
            }
        }
    }

    /** Whether llama.cpp can be used in this process. */
    public boolean isAvailable() {
        return cause == null;
    }

    /** Why llama.cpp cannot be used, or null when it can. */
    public @Nullable Throwable unavailabilityCause() {
        return cause;
    }

    /** Where the library was loaded (or looked for): a directory, or the jar. */
    public String source() {
        return source;
    }

    /**
     * Does nothing when the library is available.
     *
     * @throws ModelException naming the cause when it is not
     */
    public void ensureAvailable() {
        Throwable failure = cause;
        if (failure != null) {
            throw new ModelException("llama.cpp's native library could not be loaded from " + source + ": "
                    + ErrorText.oneLine(failure) + ". Set parley.model.native-library-dir to a directory with a"
                    + " libjllama.so built for this machine, or use the OpenAI-compatible backend", failure);
        }
    }

    @Override
    public String toString() {
        return cause == null ? "llama.cpp available (from " + source + ")"
                : "llama.cpp unavailable (from " + source + "): " + ErrorText.oneLine(cause);
    }

    private static LlamaNativeLibrary initialise(String source, Path libraryDirectory, Path loaderTmp) {
        String previousPath = System.getProperty(LIB_PATH);
        String previousTmp = System.getProperty(LOADER_TMPDIR);
        System.setProperty(LIB_PATH, libraryDirectory.toString());
        System.setProperty(LOADER_TMPDIR, loaderTmp.toString());
        try {
            // running LlamaModel's static initialiser is what loads the library
            Class.forName(LlamaModel.class.getName(), true, LlamaModel.class.getClassLoader());
            log.info("llama.cpp native library loaded from {}", source);
            return new LlamaNativeLibrary(source, null);
        } catch (ExceptionInInitializerError e) {
            return unavailable(source, e.getCause() != null ? e.getCause() : e);
        } catch (LinkageError | ClassNotFoundException e) {
            return unavailable(source, e);
        } finally {
            restore(LIB_PATH, previousPath);
            restore(LOADER_TMPDIR, previousTmp);
        }
    }

    private static Path extractFromJar(Path scratch) throws IOException {
        String name = System.mapLibraryName("jllama");
        String resource = "/de/kherud/llama/" + platformFolder() + "/" + name;
        try (InputStream in = LlamaModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("de.kherud:llama has no native library for " + platformFolder() + " (" + resource + ")");
            }
            Path directory = Files.createDirectory(scratch.resolve("lib"));
            Files.copy(in, directory.resolve(name));
            return directory;
        }
    }

    /** The folder of the jar that holds the library for this OS and CPU, as the library names them. */
    private static String platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osFolder = os.startsWith("mac") || os.startsWith("darwin") ? "Mac"
                : os.startsWith("windows") ? "Windows"
                : "Linux";
        String archFolder = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            default -> arch;
        };
        return osFolder + "/" + archFolder;
    }

    private static void restore(String key, @Nullable String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }

    /** Removes the scratch directory; a loaded library may be deleted on Linux and macOS. */
    private static void deleteQuietly(@Nullable Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    path.toFile().deleteOnExit();
                }
            });
        } catch (IOException e) {
            log.debug("could not remove {}", directory, e);
        }
    }

    private static LlamaNativeLibrary unavailable(String source, Throwable cause) {
        log.warn("llama.cpp native library unavailable from {}: {}", source, ErrorText.oneLine(cause));
        return new LlamaNativeLibrary(source, cause);
    }
}
