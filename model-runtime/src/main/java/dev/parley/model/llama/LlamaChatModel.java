package dev.parley.model.llama;

import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.gguf.GgufHeader;
import dev.parley.model.batch.BatchScheduler;
import dev.parley.model.batch.DecodeThreadTimes;
import dev.parley.model.gguf.InvalidModelFileException;
import dev.parley.model.llamacpp.ChatMessage;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.NativeLibrary;
import dev.parley.model.llamacpp.ReplyTokens;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.slots.ReplySlots;
import dev.parley.model.stats.CacheCounters;
import dev.parley.model.stats.ModelStats;
import dev.parley.model.stats.ReplyStatistics;
import dev.parley.model.template.ChatTemplateException;
import dev.parley.model.template.JinjaChatTemplate;
import dev.parley.model.template.TemplateLimits;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} running a GGUF model in this process with llama.cpp, through Parley's own
 * binding ({@link LlamaCppModel}). Thread-safe; up to {@link #parallelSlots()} replies are
 * generated at once, each in a sequence of one context, all decoded together in one batch per
 * token ({@link BatchScheduler}), and further requests wait for a free sequence. A conversation
 * that continues gets the sequence that holds its last turn, so only the new turn is decoded
 * ({@link #cacheCounters()}).
 *
 * <p>The file is checked in Java first ({@link GgufHeader}), so a missing or broken file is a
 * one-line {@link InvalidModelFileException} before native code sees it. Special-token text is
 * removed from user and assistant turns ({@link SpecialTokenSanitizer}), prompts that would not
 * fit are refused instead of truncated.
 *
 * <p>Limits: a reply has at most {@link GenerationSettings#maxNewTokens()} tokens, stops at the
 * end-of-turn markers its chat template uses (as text too, {@link StopStrings}), and is
 * cancelled at {@link LlamaSettings#generationTimeout()} after it was requested, even when
 * nobody reads it. The LoRA adapters of {@link LlamaSettings#adapters()} are checked in Java and
 * loaded with the model; each request may change their scales ({@link ChatRequest#adapterScales()}).
 *
 * <p>Closing cancels every reply, waits for native calls to return and frees the model; the
 * binding starts no non-daemon thread, so a {@code main} that returns lets the JVM exit.
 */
public final class LlamaChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(LlamaChatModel.class);
    // tokens decoded per native call while reading a prompt
    private static final int PROMPT_BATCH = 512;

    private final LlamaSettings settings;
    private final GgufHeader header;
    private final LlamaCppModel model;
    private final BatchScheduler scheduler;
    private final SpecialTokenSanitizer sanitizer;
    private final List<String> stopStrings;
    private final LoraScales loraScales;
    private final ReplySlots<LlamaReplyStream> replies = new ReplySlots<>("parley-llama-deadlines");
    private final ReplyStatistics stats;
    private final @Nullable JinjaChatTemplate template;
    private final String bosText;
    private final AtomicBoolean templateFailureLogged = new AtomicBoolean();

    private LlamaChatModel(LlamaSettings settings, GgufHeader header, LlamaCppModel model, InstantSource clock) {
        this.settings = settings;
        this.header = header;
        this.model = model;
        // read through this: the scheduler starts last
        this.stats = new ReplyStatistics(System::nanoTime, () -> !replies.isClosed(), replies::busy, settings.parallel(),
                this::cacheCounters);
        this.sanitizer = new SpecialTokenSanitizer(header.specialTokens());
        this.stopStrings = StopStrings.of(header.chatTemplate());
        this.loraScales = new LoraScales(settings.adapters());
        this.bosText = specialText(model, "tokenizer.ggml.bos_token_id");
        String source = header.chatTemplate();
        this.template = source == null ? null : new JinjaChatTemplate(source, bosText,
                specialText(model, "tokenizer.ggml.eos_token_id"), clock, TemplateLimits.DEFAULT);
        // last, so that nothing after it can fail with its thread started
        this.scheduler = new BatchScheduler(model, "parley-llama-batch", settings.hostCacheBytes());
    }

    private String specialText(LlamaCppModel slot, String key) {
        return header.metadata().get(key) instanceof Long id && id >= 0 && id < slot.vocabSize()
                ? slot.tokenText(id.intValue()) : "";
    }

    /** Loads as {@link #load(LlamaSettings, InstantSource)} does, its template's dates from the system clock. */
    public static LlamaChatModel load(LlamaSettings settings) {
        return load(settings, InstantSource.system());
    }

    /**
     * Checks the model file and its adapters in Java, then loads the model with a context of one
     * sequence per slot; the chat template's {@code strftime_now} reads {@code clock}, the
     * application's one time source.
     *
     * @throws InvalidModelFileException if the file (or an adapter) is missing or not a usable
     *     GGUF file; native code is not touched then
     * @throws ModelException if the native library is unavailable or llama.cpp refuses the model
     */
    public static LlamaChatModel load(LlamaSettings settings, InstantSource clock) {
        Objects.requireNonNull(clock, "clock"); // before any native model is made
        GgufHeader header = GgufHeader.read(settings.modelPath());
        for (LoraAdapter adapter : settings.adapters()) {
            GgufHeader.readLoraAdapter(adapter.path(), header);
        }
        NativeLibrary library = NativeLibrary.get();
        Throwable unavailable = library.unavailabilityCause().orElse(null);
        if (unavailable != null) {
            throw new ModelException("llama.cpp's native library could not be loaded from " + library.source() + ": "
                    + ErrorText.oneLine(unavailable) + ". Build model-runtime on this machine (docs/llama-jni.md), start"
                    + " Java with -D" + NativeLibrary.LIBRARY_PROPERTY + "=FILE, or use the OpenAI-compatible backend", unavailable);
        }
        log.info("llama.cpp native library loaded from {}", library.source());
        if (header.contextLength().isPresent() && settings.contextSize() > header.contextLength().getAsInt()) {
            throw new ModelException("a context of " + settings.contextSize() + " tokens per slot is more than the "
                    + header.contextLength().getAsInt() + " tokens " + settings.modelPath().getFileName()
                    + " was trained for; lower the context size");
        }
        ModelParameters parameters = new ModelParameters(settings.modelPath(), settings.contextSize(),
                Math.min(PROMPT_BATCH, settings.contextSize()), settings.threads(), settings.gpuLayers(),
                settings.flashAttention());
        long start = System.nanoTime();
        LlamaCppModel model = null;
        try {
            // one context, a sequence per slot: the replies are decoded together in one batch
            model = LlamaCppModel.load(parameters, settings.parallel());
            for (LoraAdapter adapter : settings.adapters()) {
                model.loadLoraAdapter(adapter.path());
            }
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            throw new ModelException("llama.cpp could not load " + settings.modelPath() + ": " + ErrorText.oneLine(e), e);
        }
        log.info("loaded {} ({}, {} tensors) in {} ms: {} slot(s) of {} tokens, {} thread(s), flash attention {}",
                settings.modelPath().getFileName(), header.architecture(), header.tensors().size(),
                (System.nanoTime() - start) / 1_000_000, settings.parallel(), settings.contextSize(), settings.threads(),
                settings.flashAttention() ? "on" : "off");
        return new LlamaChatModel(settings, header, model, clock);
    }

    /** The checked header of the loaded file: architecture, template, special tokens. */
    public GgufHeader header() {
        return header;
    }

    @Override
    public ReplyStream stream(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        float[] scales = loraScales.scalesFor(request.adapterScales());
        return start(() -> render(ChatPrompt.of(request.turns(), sanitizer)), request.settings(), scales);
    }

    /**
     * Continues {@code prompt} exactly as given, without the chat template: for models with a
     * prompt format of their own, such as a Llama Guard classifier. Special-token text in the
     * prompt is parsed as special tokens, so the caller must have removed it from every untrusted
     * part ({@link SpecialTokenSanitizer} with {@link GgufHeader#specialTokens()}). Slots, limits,
     * the timeout and cancellation are those of {@link #stream(ChatRequest)}; LoRA adapters keep
     * the scales they were loaded with.
     */
    public ReplyStream streamPrompt(String prompt, GenerationSettings sampling) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        return start(() -> RenderedPrompt.whole(prompt), sampling, loraScales.scalesFor(Map.of()));
    }

    private ReplyStream start(Supplier<RenderedPrompt> promptText, GenerationSettings sampling, float[] scales) {
        requireOpen();
        ReplyStatistics.Reply record = stats.start();
        long deadline = System.nanoTime() + settings.generationTimeout().toNanos();
        RenderedPrompt rendered = promptText.get();
        int[] prompt = tokenize(rendered.text(), true);
        if (prompt.length + sampling.maxNewTokens() > settings.contextSize()) {
            throw new ModelException("the prompt takes " + prompt.length + " tokens and the reply up to "
                    + sampling.maxNewTokens() + ", more than the " + settings.contextSize()
                    + " tokens of context per slot; trim the conversation or lower the reply length");
        }
        if (prompt.length == 0) {
            throw new ModelException("the prompt is empty");
        }
        log.debug("generating up to {} tokens after a prompt of {} tokens", sampling.maxNewTokens(), prompt.length);
        SamplerParameters sampler = sampling.temperature() <= 0 ? SamplerParameters.greedy()
                : SamplerParameters.seeded(Math.min(sampling.temperature(), 10f), seed(sampling.seed()));
        // the turns' tokens: a next turn that keeps them continues this conversation's sequence
        int turnsEnd = rendered.turnsEnd(prompt, opening -> tokenize(opening, false));
        LlamaReplyStream.Request request = new LlamaReplyStream.Request(prompt, turnsEnd, rendered.opensThought(), sampler,
                sampling.maxNewTokens(), scales);
        LlamaReplyStream stream = new LlamaReplyStream(this, request, record, deadline, settings.generationTimeout());
        replies.add(stream);
        if (replies.isClosed()) {
            // closed while this stream was being set up: close missed it
            stream.requestClose();
            throw new IllegalStateException("the model " + settings.modelPath().getFileName() + " was closed");
        }
        stream.timer(replies.atDeadline(stream::timeOut, deadline - System.nanoTime()));
        return stream;
    }

    /** Counts with the model's tokenizer; special-token text counts as the special token. */
    @Override
    public int countTokens(String text) {
        Objects.requireNonNull(text, "text");
        return tokenize(text, false).length;
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
     * {@link #parallelSlots()} when requests beyond them wait for a slot.
     */
    @Override
    public int busySlots() {
        return replies.busy();
    }

    @Override
    public void whenSlotFrees(Runnable listener) {
        replies.whenSlotFrees(listener);
    }

    /**
     * How the conversation cache (a sequence per conversation, least recently used evicted, a
     * shared system prompt copied) has served requests.
     */
    public CacheCounters cacheCounters() {
        return scheduler.cacheCounters();
    }

    /** A live, read-only view of this model's figures for health checks and metrics. */
    public ModelStats stats() {
        return stats;
    }

    /**
     * Cancels every open stream, waits for native calls in flight to return, then frees the
     * model. Idempotent; afterwards every method but this one throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!replies.close(LlamaReplyStream::requestClose)) {
            return;
        }
        // the decode thread ends every reply and stops before the model is freed
        scheduler.close();
        model.close();
        log.info("closed {}", settings.modelPath().getFileName());
    }

    /**
     * Renders with the model's own Jinja template ({@link JinjaChatTemplate}); when it has none or
     * it fails, with llama.cpp's built-in format for it (ChatML when it has none). The turns are
     * rendered again without the opening of the reply, to tell where that opening begins.
     */
    RenderedPrompt render(ChatPrompt prompt) {
        List<ChatMessage> messages = prompt.withSystem();
        JinjaChatTemplate own = template;
        if (own != null) {
            requireOpen();
            try {
                String text = own.render(messages, true);
                return RenderedPrompt.of(text, turnsOnly(() -> own.render(messages, false)));
            } catch (ChatTemplateException e) {
                // the template is the model file's; say so once, then keep answering with the built-in format
                if (!templateFailureLogged.getAndSet(true)) {
                    log.warn("{} of {}; using llama.cpp's built-in format instead", e.getMessage(),
                            settings.modelPath().getFileName());
                } else {
                    log.debug("{}; using llama.cpp's built-in format", e.getMessage());
                }
            }
        }
        String text = guarded(() -> model.applyChatTemplate(messages, true), "could not render the prompt");
        return RenderedPrompt.of(text, turnsOnly(() -> model.applyChatTemplate(messages, false)));
    }

    /** The turns rendered without the opening of the reply, or null if that render fails: the cache then just knows less. */
    private static @Nullable String turnsOnly(Supplier<String> render) {
        try {
            return render.get();
        } catch (RuntimeException e) {
            log.debug("the turns alone could not be rendered: {}", e.getMessage());
            return null;
        }
    }

    /** Renders a request's prompt as {@link #stream} would, for tests. */
    String renderPrompt(ChatRequest request) {
        return render(ChatPrompt.of(request.turns(), sanitizer)).text();
    }

    /** The tokens of {@code text}, special-token text parsed, for tests that look at rendered prompts. */
    int[] tokenize(String text) {
        return tokenize(text, false);
    }

    private int[] tokenize(String text, boolean wholePrompt) {
        // special-token text is parsed: untrusted text was sanitised before it got here; a prompt
        // whose template wrote the start token itself does not get a second one
        boolean addSpecial = wholePrompt && (bosText.isEmpty() || !text.startsWith(bosText));
        return guarded(() -> model.tokenize(text, addSpecial, true), "could not tokenize");
    }

    /** Queues the generation of {@code request}; it starts when a sequence is free. */
    ReplyTokens begin(LlamaReplyStream.Request request) {
        requireOpen();
        return scheduler.submit(request.prompt(), request.sampler(), request.maxTokens(), request.loraScales(), request.turnsEnd());
    }

    /** Where the decode thread's busy time went so far (issue #16: the Java side's share a token). */
    public DecodeThreadTimes decodeThreadTimes() {
        return scheduler.decodeThreadTimes();
    }

    /** The text of {@code tokens}, for a stream's reply text. */
    String detokenize(int[] tokens) {
        return model.detokenize(tokens);
    }

    /** The stop strings of the model's chat template. */
    List<String> stopStrings() {
        return stopStrings;
    }

    /** Called by a stream once it has let go of its slot (or never got one). */
    void released(LlamaReplyStream stream) {
        replies.release(stream);
    }

    void requireOpen() {
        if (replies.isClosed()) {
            throw new IllegalStateException("the model " + settings.modelPath().getFileName() + " was closed");
        }
    }

    private <T> T guarded(Supplier<T> call, String failure) {
        requireOpen();
        try {
            return call.get();
        } catch (ModelException e) {
            throw new ModelException(failure + ": " + ErrorText.oneLine(e), e);
        } catch (IllegalStateException e) {
            // the model closed under the call
            requireOpen();
            throw e;
        }
    }

    /** Sampler seeds stop one below llama.cpp's "random" value. */
    private static long seed(long seed) {
        return Math.floorMod(seed, SamplerParameters.MAX_SEED + 1);
    }
}
