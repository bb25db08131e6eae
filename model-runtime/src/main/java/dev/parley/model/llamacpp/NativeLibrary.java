package dev.parley.model.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of loading {@code libparleyllama} into this JVM: available, or not and why (in the
 * manner of netty's {@code isAvailable()} and {@code unavailabilityCause()}), so a missing or
 * broken library is reported rather than crashing the process.
 *
 * <p>The library comes from the system property {@value #LIBRARY_PROPERTY} when it names a file
 * (a GPU build, say), otherwise from this jar's resource {@code native/<os>-<arch>/}. The resource
 * is copied to a fresh private temp file, loaded, then deleted at once (Linux keeps the mapping),
 * so concurrent JVMs never share or clean up each other's copy.
 */
public final class NativeLibrary {

    /** The system property naming a {@code libparleyllama} file to load instead of the jar's. */
    public static final String LIBRARY_PROPERTY = "parley.llamacpp.library";

    private static final String LIBRARY_FILE = "libparleyllama.so";

    private final String source;
    private final @Nullable Throwable cause;

    private NativeLibrary(String source, @Nullable Throwable cause) {
        this.source = source;
        this.cause = cause;
    }

    /** The library of this JVM, loaded on the first call; never throws. */
    public static NativeLibrary get() {
        return Loaded.LIBRARY;
    }

    /** Whether the binding can be used in this process. */
    public boolean isAvailable() {
        return cause == null;
    }

    /** Why the binding cannot be used, or empty when it can. */
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(cause);
    }

    /** Where the library came from (a file, or the jar resource), for logs and health checks. */
    public String source() {
        return source;
    }

    /** The platform directory the jar holds a library under for this JVM, e.g. {@code linux-x86_64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os.replace(' ', '_');
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    /** Throws the reason the library is unavailable, as a {@link LlamaCppException}. */
    void requireAvailable() {
        if (cause != null) {
            throw new LlamaCppException("the llama.cpp binding is unavailable (" + source + "): " + cause.getMessage(), cause);
        }
    }

    private static NativeLibrary load() {
        String configured = System.getProperty(LIBRARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured).toAbsolutePath();
            try {
                System.load(file.toString());
                return new NativeLibrary(file.toString(), null);
            } catch (UnsatisfiedLinkError | SecurityException e) {
                return new NativeLibrary(file.toString(), e);
            }
        }
        String resource = "native/" + platform() + "/" + LIBRARY_FILE;
        String source = "resource " + resource + " of the model-runtime jar";
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return new NativeLibrary(source, new IllegalStateException(
                        "no library for " + platform() + " in the jar: build model-runtime on this platform"));
            }
            Path copy = Files.createTempFile("parley-llama-", ".so");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toString());
            } finally {
                Files.deleteIfExists(copy);
            }
            return new NativeLibrary(source, null);
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return new NativeLibrary(source, e);
        }
    }

    /** Holds the one outcome per JVM: the class initialises, so loads, on first use only. */
    private static final class Loaded {
        static final NativeLibrary LIBRARY = load();
    }
}
