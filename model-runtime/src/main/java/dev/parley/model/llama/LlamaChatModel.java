package dev.parley.model.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.gguf.GgufHeader;
import dev.parley.model.gguf.InvalidModelFileException;
import dev.parley.model.stats.ModelStats;
import dev.parley.model.stats.ReplyStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} running a GGUF model in this process with llama.cpp, through
 * de.kherud:llama 4.2.0. Thread-safe; up to {@link #parallelSlots()} replies are decoded in one
 * batch, further requests wait for a free slot.
 *
 * <p>The binding has calls that abort or hang the JVM ({@code notes/llama-jni.md}); this class is
 * the only code that touches it, and it guards each trigger (the numbers below are the note's):
 * the GGUF file is checked in Java first (7, 8 and every unhelpful load error), numbers are
 * validated before llama.cpp's argument parser sees them (5), the template is applied only with
 * messages set (2), token probabilities, raw token decoding, JSON-schema grammars and custom
 * templates are never used (1, 3, 4, 6), the KV cache keeps its default f16 type (11),
 * special-token text is removed from user turns, prompts that would not fit are refused instead
 * of silently truncated, and a stream is never cancelled while another thread waits on it nor
 * the model freed while any call is in flight (9).
 *
 * <p>Limits: a reply has at most {@link GenerationSettings#maxNewTokens()} tokens, stops at the
 * end-of-turn markers its chat template uses (as text too, {@link StopStrings}), and is
 * cancelled at {@link LlamaSettings#generationTimeout()} after it was requested, even when
 * nobody reads it. A LoRA adapter of {@link LlamaSettings#adapters()} is checked in Java and
 * loaded with the model; each request may change its scale ({@link ChatRequest#adapterScales()}).
 *
 * <p>llama.cpp starts a non-daemon native thread, so the JVM does not exit when {@code main}
 * returns, even after {@link #close()} (trigger 10): the application must call
 * {@link System#exit(int)}. Closing frees little native memory (9): to swap models, restart.
 */
public final class LlamaChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(LlamaChatModel.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final LlamaSettings settings;
    private final GgufHeader header;
    private final LlamaModel model;
    private final SpecialTokenSanitizer sanitizer;
    private final List<String> stopStrings;
    private final int bosTokens;
    private final LoraScales loraScales;
    // readers: every native call; writer: freeing the native model, so it never races a call
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<LlamaReplyStream> openStreams = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> slotListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService deadlines;
    // the threads that wait in llama.cpp for tokens, so that a reader of a stream can be woken (ReplyStream)
    private final ExecutorService readers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "parley-llama-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final ReplyStatistics stats;
    private boolean nativeFreed; // guarded by the write lock; read under the read lock

    private LlamaChatModel(LlamaSettings settings, GgufHeader header, LlamaModel model, LoraScales loraScales) {
        this.settings = settings;
        this.header = header;
        this.model = model;
        this.stats = new ReplyStatistics(System::nanoTime, () -> !closed.get(), openStreams::size, settings.parallel());
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "parley-llama-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
        this.sanitizer = new SpecialTokenSanitizer(header.specialTokens());
        this.stopStrings = StopStrings.of(header.chatTemplate());
        this.loraScales = loraScales;
        // llama.cpp adds BOS to a prompt unless the file says not to; countTokens does not
        this.bosTokens = Boolean.FALSE.equals(header.metadata().get("tokenizer.ggml.add_bos_token")) ? 0 : 1;
    }

    /**
     * Checks the model file, loads the native library into a private directory and loads the
     * model.
     *
     * @throws InvalidModelFileException if the file is missing or not a usable GGUF file; the
     *     native library is not touched then
     * @throws ModelException if the native library or the model cannot be loaded
     */
    public static LlamaChatModel load(LlamaSettings settings) {
        GgufHeader header = GgufHeader.read(settings.modelPath());
        return load(settings, header, LlamaNativeLibrary.load(settings.nativeLibraryDirectory()));
    }

    /**
     * Like {@link #load(LlamaSettings)} with a native library that was loaded already (and whose
     * availability is reported to health checks).
     */
    public static LlamaChatModel load(LlamaSettings settings, LlamaNativeLibrary library) {
        return load(settings, GgufHeader.read(settings.modelPath()), library);
    }

    private static LlamaChatModel load(LlamaSettings settings, GgufHeader header, LlamaNativeLibrary library) {
        for (LoraAdapter adapter : settings.adapters()) {
            // llama.cpp's own checks end in "could not load model" with the reason on stderr only
            GgufHeader.readLoraAdapter(adapter.path(), header);
        }
        LoraScales loraScales = new LoraScales(settings.adapters());
        library.ensureAvailable();
        if (header.contextLength().isPresent() && settings.contextSize() > header.contextLength().getAsInt()) {
            throw new ModelException("a context of " + settings.contextSize() + " tokens per slot is more than the "
                    + header.contextLength().getAsInt() + " tokens " + settings.modelPath().getFileName()
                    + " was trained for; lower the context size");
        }
        ModelParameters parameters = new ModelParameters()
                .setModel(settings.modelPath().toAbsolutePath().toString())
                .setThreads(settings.threads())
                // llama.cpp divides the context among the slots: each slot gets contextSize
                .setCtxSize(settings.totalContextSize())
                .setParallel(settings.parallel());
        if (settings.flashAttention()) {
            // without it, steps that decode several slots at once are slower than single ones on
            // the CPU (LlamaSettings#flashAttention): continuous batching would gain nothing
            parameters.enableFlashAttn();
        }
        if (!settings.nativeLogging()) {
            parameters.disableLog();
        }
        if (settings.gpuLayers() > 0) {
            parameters.setGpuLayers(settings.gpuLayers());
        }
        for (LoraAdapter adapter : settings.adapters()) {
            // never addLoraScaledAdapter: it passes "file,scale" as one argument where llama.cpp
            // expects two, so the parser fails and the handle is null (trigger 5); the scale is
            // applied per request instead
            parameters.addLoraAdapter(adapter.path().toAbsolutePath().toString());
        }
        long start = System.nanoTime();
        LlamaModel model;
        try {
            model = new LlamaModel(parameters);
        } catch (RuntimeException e) {
            throw new ModelException("llama.cpp could not load " + settings.modelPath() + ": " + ErrorText.oneLine(e), e);
        }
        log.info("loaded {} ({}, {} tensors) in {} ms: {} slot(s) of {} tokens, {} thread(s), flash attention {}",
                settings.modelPath().getFileName(), header.architecture(), header.tensors().size(),
                (System.nanoTime() - start) / 1_000_000, settings.parallel(), settings.contextSize(), settings.threads(),
                settings.flashAttention() ? "on" : "off");
        return new LlamaChatModel(settings, header, model, loraScales);
    }

    /** The checked header of the loaded file: architecture, template, special tokens. */
    public GgufHeader header() {
        return header;
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return start(() -> render(ChatPrompt.of(request.turns(), sanitizer)), request.settings(), request.adapterScales());
    }

    /**
     * Continues {@code prompt} exactly as given, without the chat template: for models with a
     * prompt format of their own, such as a Llama Guard classifier. Special-token text in the
     * prompt is parsed as special tokens, so the caller must have removed it from every untrusted
     * part ({@link SpecialTokenSanitizer} with {@link GgufHeader#specialTokens()}). Slots, limits,
     * the timeout and cancellation are those of {@link #stream(ChatRequest)}.
     */
    public ReplyStream streamPrompt(String prompt, GenerationSettings sampling) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        return start(() -> prompt, sampling, Map.of());
    }

    private ReplyStream start(Supplier<String> promptText, GenerationSettings sampling, Map<String, Float> adapterScales) {
        ReplyStatistics.Reply record = stats.start();
        long deadline = System.nanoTime() + settings.generationTimeout().toNanos();
        return underReadLock(() -> {
            String prompt = promptText.get();
            int promptTokens = model.encode(prompt).length + bosTokens;
            if (promptTokens + sampling.maxNewTokens() > settings.contextSize()) {
                // llama.cpp would silently cut the prompt's start ("input truncated")
                throw new ModelException("the prompt takes " + promptTokens + " tokens and the reply up to "
                        + sampling.maxNewTokens() + ", more than the " + settings.contextSize()
                        + " tokens of context per slot; trim the conversation or lower the reply length");
            }
            log.debug("generating up to {} tokens after a prompt of {} tokens", sampling.maxNewTokens(), promptTokens);
            InferenceParameters parameters = new InferenceParameters(prompt)
                    .setNPredict(sampling.maxNewTokens())
                    .setTemperature(sampling.temperature())
                    .setSeed(seed(sampling.seed()))
                    .setStopStrings(stopStrings.toArray(String[]::new));
            loraScales.apply(parameters, adapterScales);
            // never setNProbs: with completions it aborts the JVM (trigger 1)
            LlamaIterator iterator = model.generate(parameters).iterator();
            LlamaReplyStream stream = new LlamaReplyStream(this, iterator, record, deadline, settings.generationTimeout(),
                    readers);
            openStreams.add(stream);
            stream.timer(deadlines.schedule(stream::timeOut, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            return stream;
        }, "could not start a reply");
    }

    /** Counts with the model's tokenizer; special-token text counts as the special token. */
    @Override
    public int countTokens(String text) {
        Objects.requireNonNull(text, "text");
        return underReadLock(() -> model.encode(text).length, "could not count tokens");
    }

    @Override
    public int contextSize() {
        return settings.contextSize();
    }

    @Override
    public int parallelSlots() {
        return settings.parallel();
    }

    /**
     * Replies started and not yet complete, failed, cancelled or timed out. More than
     * {@link #parallelSlots()} when requests beyond them wait in llama.cpp's queue.
     */
    @Override
    public int busySlots() {
        return openStreams.size();
    }

    @Override
    public void whenSlotFrees(Runnable listener) {
        slotListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** A live, read-only view of this model's figures for health checks and metrics. */
    public ModelStats stats() {
        return stats;
    }

    /**
     * Cancels every open stream, waits for calls in flight to return, then frees the model.
     * Idempotent; afterwards every method but this one throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (true) {
            // an idle stream is cancelled here; one with a read in flight cancels itself when
            // its token arrives, as cancelling under a waiting thread hangs it (trigger 9)
            openStreams.forEach(LlamaReplyStream::requestClose);
            if (openStreams.isEmpty() && freeNativeModel()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} reply stream(s) did not stop within {} s; leaving the native model allocated",
                        openStreams.size(), CLOSE_TIMEOUT.toSeconds());
                deadlines.shutdownNow();
                readers.shutdown();
                return;
            }
            sleep();
        }
        deadlines.shutdownNow();
        readers.shutdown();
        log.info("closed {}", settings.modelPath().getFileName());
    }

    /**
     * Frees the native model unless a stream slipped in (started just before the close):
     * holding the write lock, no call is in flight and no new stream can start.
     */
    private boolean freeNativeModel() {
        lifecycle.writeLock().lock();
        try {
            if (!openStreams.isEmpty()) {
                return false;
            }
            nativeFreed = true;
            model.close();
        } catch (RuntimeException e) {
            log.warn("llama.cpp failed to free the model: {}", ErrorText.oneLine(e));
        } finally {
            lifecycle.writeLock().unlock();
        }
        return true;
    }

    /** Renders with the model's own template; ChatML when the file has none (llama.cpp's fallback). */
    String render(ChatPrompt prompt) {
        // applyTemplate without messages aborts the JVM (trigger 2): always set them
        InferenceParameters parameters = new InferenceParameters("").setMessages(prompt.system(), prompt.messages());
        return model.applyTemplate(parameters);
    }

    /** Renders a request's prompt as {@link #stream} would, for tests. */
    String renderPrompt(ChatRequest request) {
        return underReadLock(() -> render(ChatPrompt.of(request.turns(), sanitizer)), "could not render the prompt");
    }

    /** Counts {@code text}'s tokens, for tests that look at rendered prompts. */
    int[] tokenize(String text) {
        return underReadLock(() -> model.encode(text), "could not tokenize");
    }

    /**
     * Runs a native call while the model cannot be freed.
     *
     * @throws IllegalStateException if the model was closed
     * @throws ModelException if the library threw (its LlamaException is package-private)
     */
    <T> T underReadLock(Supplier<T> call, String failure) {
        lifecycle.readLock().lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("the model " + settings.modelPath().getFileName() + " was closed");
            }
            return call.get();
        } catch (ModelException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelException(failure + ": " + ErrorText.oneLine(e), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Cancels a generation unless the native model is gone already; never throws. */
    void cancel(LlamaIterator iterator) {
        lifecycle.readLock().lock();
        try {
            if (!nativeFreed) {
                iterator.cancel();
            }
        } catch (RuntimeException e) {
            log.warn("llama.cpp failed to cancel a generation: {}", ErrorText.oneLine(e));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Called by a stream once llama.cpp has let go of its slot. */
    void released(LlamaReplyStream stream) {
        if (openStreams.remove(stream)) {
            for (Runnable listener : slotListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    log.warn("a slot listener failed", e);
                }
            }
        }
    }

    /** llama.cpp's seed is an unsigned 32-bit value whose all-ones means "random": stay below it. */
    private static int seed(long seed) {
        return (int) Math.floorMod(seed, (long) Integer.MAX_VALUE);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
