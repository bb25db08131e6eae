package dev.parley.testkit.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A generated llama-architecture model with seeded random weights and a SentencePiece or
 * byte-level BPE vocabulary, small enough (about 600 KB with the defaults) for llama.cpp to load in
 * a test in milliseconds.
 *
 * <p>The default vocabulary ({@link Vocabulary#SENTENCEPIECE}) is {@code <unk>}, {@code <s>},
 * {@code </s>}, the 256 byte tokens {@code <0x00>..<0xFF>}, the control tokens {@code <|im_start|>}
 * and {@code <|im_end|>}, then ordinary word pieces (with all their prefixes, so SentencePiece can
 * merge up to them) padded with generated pieces up to {@link #vocabSize()}; the ids of its first
 * tokens are this class's constants. {@link Vocabulary#BYTE_LEVEL_BPE} is Qwen's kind instead
 * (find its tokens with {@link #tokenId}). The rows of {@code output.weight} for every token that
 * is not an ordinary one are zero, so their logit is 0 while some ordinary token almost surely
 * scores above it: greedy decoding never ends a reply at once (and runs until the token limit).
 *
 * <p>From the command line: {@code java -cp parley-testkit.jar dev.parley.testkit.gguf.TinyLlamaModel
 * FILE [--embedding 2048 --layers 16 --heads 32 --heads-kv 8 --ffn 5632 --vocab 32000
 * --context 2048 --type q8_0 --seed 42 --vocabulary byte_level_bpe --no-chat-template]}. The file is streamed to disk.
 *
 * @param seed seeds every weight, so the same settings give the same bytes
 * @param embedding the embedding width; a multiple of {@code heads}
 * @param layers the number of transformer blocks
 * @param heads attention heads; {@code embedding / heads} is the head size, at least 16
 * @param headsKv key/value heads (grouped-query attention); divides {@code heads}
 * @param feedForward the feed-forward width
 * @param contextLength the trained context length the model declares
 * @param vocabSize tokens in the vocabulary, at least {@link #MIN_VOCAB_SIZE}
 * @param matrixType how weight matrices are stored (norms are always f32)
 * @param chatTemplate the Jinja chat template stored in the file, or null for none
 * @param architecture the layout llama.cpp loads it as: llama, or a family that adds tensors and
 *     keys to it ({@link Architecture}); the control tokens of the architecture that the chat
 *     template uses take the last ids of the vocabulary
 * @param vocabulary the kind of vocabulary and tokenizer written
 */
public record TinyLlamaModel(
        long seed,
        int embedding,
        int layers,
        int heads,
        int headsKv,
        int feedForward,
        int contextLength,
        int vocabSize,
        GgmlType matrixType,
        @Nullable String chatTemplate,
        Architecture architecture,
        Vocabulary vocabulary) {

    /** The id of {@code <unk>}. */
    public static final int UNK_ID = 0;
    /** The id of {@code <s>}. */
    public static final int BOS_ID = 1;
    /** The id of {@code </s>}. */
    public static final int EOS_ID = 2;
    /** The id of {@code <|im_start|>}. */
    public static final int IM_START_ID = 259;
    /** The id of {@code <|im_end|>}. */
    public static final int IM_END_ID = 260;

    /** ChatML, as Jinja, the template stored unless the builder says otherwise. */
    public static final String CHATML_TEMPLATE = "{% for message in messages %}"
            + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final int TYPE_NORMAL = 1;

    /** The smallest SentencePiece vocabulary: the special, byte and built-in word-piece tokens. */
    public static final int MIN_VOCAB_SIZE = SentencePieceVocabulary.MIN_SIZE;

    public TinyLlamaModel {
        requireAtLeast("embedding", embedding, 1);
        requireAtLeast("layers", layers, 1);
        requireAtLeast("heads", heads, 1);
        requireAtLeast("headsKv", headsKv, 1);
        requireAtLeast("feedForward", feedForward, 1);
        requireAtLeast("contextLength", contextLength, 1);
        Objects.requireNonNull(vocabulary, "vocabulary");
        requireAtLeast("vocabSize", vocabSize, vocabulary == Vocabulary.SENTENCEPIECE
                ? MIN_VOCAB_SIZE + architecture.controlTokens().size()
                : BytePairVocabulary.minimumSize(architecture.controlTokens().size()));
        if (embedding % heads != 0 || embedding / heads < 16) {
            throw new IllegalArgumentException("embedding must be a multiple of heads with a head size of at least 16, was "
                    + embedding + "/" + heads);
        }
        if (heads % headsKv != 0) {
            throw new IllegalArgumentException("headsKv must divide heads, was " + headsKv + "/" + heads);
        }
        if (matrixType != GgmlType.F32
                && (embedding % matrixType.blockSize() != 0 || feedForward % matrixType.blockSize() != 0)) {
            throw new IllegalArgumentException("embedding and feedForward must be multiples of "
                    + matrixType.blockSize() + " for " + matrixType);
        }
    }

    /** A builder with the defaults: 64 wide, 2 layers, 4 heads, ffn 128, context 2048, vocab 512, f32, ChatML. */
    public static Builder builder() {
        return new Builder();
    }

    /** A llama model with these settings, as before architectures were a setting. */
    public TinyLlamaModel(long seed, int embedding, int layers, int heads, int headsKv, int feedForward,
            int contextLength, int vocabSize, GgmlType matrixType, @Nullable String chatTemplate) {
        this(seed, embedding, layers, heads, headsKv, feedForward, contextLength, vocabSize, matrixType, chatTemplate,
                Architecture.LLAMA);
    }

    /** A model with these settings and a SentencePiece vocabulary, as before vocabularies were a setting. */
    public TinyLlamaModel(long seed, int embedding, int layers, int heads, int headsKv, int feedForward,
            int contextLength, int vocabSize, GgmlType matrixType, @Nullable String chatTemplate,
            Architecture architecture) {
        this(seed, embedding, layers, heads, headsKv, feedForward, contextLength, vocabSize, matrixType, chatTemplate,
                architecture, Vocabulary.SENTENCEPIECE);
    }

    private List<String> extraControlTokens() {
        return architecture.controlTokensUsedBy(chatTemplate);
    }

    /** The head size, {@code embedding / heads}. */
    public int headSize() {
        return embedding / heads;
    }

    /** Every token's text, indexed by id. */
    public List<String> tokens() {
        return vocabularyLayout().tokens();
    }

    /** The id of the token whose text is {@code text}, or -1 when the vocabulary has none. */
    public int tokenId(String text) {
        return tokens().indexOf(text);
    }

    /**
     * llama.cpp's token type of {@code id}: 1 normal, 2 unknown, 3 control, 5 unused (padding of a
     * BPE vocabulary the text ran out of merges for), 6 byte (SentencePiece's byte tokens; a BPE
     * vocabulary's bytes are normal tokens).
     */
    public int tokenType(int id) {
        return vocabularyLayout().tokenType(id);
    }

    private VocabularyLayout vocabularyLayout() {
        return switch (vocabulary) {
            case SENTENCEPIECE -> new SentencePieceVocabulary(vocabSize, extraControlTokens());
            case BYTE_LEVEL_BPE -> new BytePairVocabulary(vocabSize, extraControlTokens());
        };
    }

    /** A writer holding this model's metadata and tensors, for callers that add keys of their own. */
    public GgufWriter toWriter() {
        VocabularyLayout layout = vocabularyLayout();
        String arch = architecture.ggufName();
        GgufWriter writer = new GgufWriter()
                .putString("general.architecture", arch)
                .putString("general.name", architecture == Architecture.LLAMA ? "parley-tiny-llama" : "parley-tiny-" + arch)
                .putUint32(arch + ".context_length", contextLength)
                .putUint32(arch + ".embedding_length", embedding)
                .putUint32(arch + ".block_count", layers)
                .putUint32(arch + ".feed_forward_length", feedForward)
                .putUint32(arch + ".attention.head_count", heads)
                .putUint32(arch + ".attention.head_count_kv", headsKv)
                .putUint32(arch + ".rope.dimension_count", headSize())
                .putFloat32(arch + ".attention.layer_norm_rms_epsilon", 1e-5f);
        layout.addTo(writer);
        if (chatTemplate != null) {
            writer.putString("tokenizer.chat_template", chatTemplate);
        }
        architecture.addKeys(writer);
        long e = embedding;
        long q = (long) heads * headSize();
        long kv = (long) headsKv * headSize();
        long f = feedForward;
        writer.addTensor("token_embd.weight", matrixType, new long[] {e, vocabSize}, gaussian("token_embd", 1.0));
        for (int i = 0; i < layers; i++) {
            String block = "blk." + i + ".";
            writer.addTensor(block + "attn_norm.weight", GgmlType.F32, new long[] {e}, () -> 1f)
                    .addTensor(block + "attn_q.weight", matrixType, new long[] {e, q}, matrix(block + "q", e))
                    .addTensor(block + "attn_k.weight", matrixType, new long[] {e, kv}, matrix(block + "k", e))
                    .addTensor(block + "attn_v.weight", matrixType, new long[] {e, kv}, matrix(block + "v", e))
                    .addTensor(block + "attn_output.weight", matrixType, new long[] {q, e}, matrix(block + "o", q))
                    .addTensor(block + "ffn_norm.weight", GgmlType.F32, new long[] {e}, () -> 1f)
                    .addTensor(block + "ffn_gate.weight", matrixType, new long[] {e, f}, matrix(block + "gate", e))
                    .addTensor(block + "ffn_up.weight", matrixType, new long[] {e, f}, matrix(block + "up", e))
                    .addTensor(block + "ffn_down.weight", matrixType, new long[] {f, e}, matrix(block + "down", f));
            architecture.addTensors(writer, block, headSize(), q, kv, e);
        }
        writer.addTensor("output_norm.weight", GgmlType.F32, new long[] {e}, () -> 1f);
        writer.addTensor("output.weight", matrixType, new long[] {e, vocabSize}, outputWeights(layout));
        return writer;
    }

    /** Writes the model to {@code file}, streaming the weights. */
    public void writeTo(Path file) throws IOException {
        toWriter().writeTo(file);
    }

    private GgufWriter.ValueSource matrix(String name, long fanIn) {
        return gaussian(name, 1.0 / Math.sqrt(fanIn));
    }

    private GgufWriter.ValueSource gaussian(String name, double deviation) {
        SplittableRandom random = new SplittableRandom(seed * 31 + name.hashCode());
        return () -> (float) (random.nextGaussian() * deviation);
    }

    /** Row {@code id} of the output matrix; zero for every token that is not an ordinary piece. */
    private GgufWriter.ValueSource outputWeights(VocabularyLayout layout) {
        GgufWriter.ValueSource random = gaussian("output", 4.0 / Math.sqrt(embedding));
        long[] index = {0};
        return () -> {
            int id = (int) (index[0]++ / embedding);
            float value = random.next();
            return layout.tokenType(id) == TYPE_NORMAL ? value : 0f;
        };
    }

    private static void requireAtLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
    }

    /** Writes a model from the command line; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("usage: TinyLlamaModel FILE [--embedding N] [--layers N] [--heads N] [--heads-kv N]"
                    + " [--ffn N] [--vocab N] [--context N] [--type f32|f16|q4_0|q8_0] [--seed N] [--architecture llama|qwen2|qwen3|gemma3]"
                    + " [--vocabulary sentencepiece|byte_level_bpe] [--no-chat-template]");
            System.exit(2);
        }
        Builder builder = builder();
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-chat-template")) {
                builder.noChatTemplate();
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--embedding" -> builder.embedding(Integer.parseInt(value));
                case "--layers" -> builder.layers(Integer.parseInt(value));
                case "--heads" -> builder.heads(Integer.parseInt(value));
                case "--heads-kv" -> builder.headsKv(Integer.parseInt(value));
                case "--ffn" -> builder.feedForward(Integer.parseInt(value));
                case "--vocab" -> builder.vocabSize(Integer.parseInt(value));
                case "--context" -> builder.contextLength(Integer.parseInt(value));
                case "--seed" -> builder.seed(Long.parseLong(value));
                case "--architecture" -> builder.architecture(Architecture.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--type" -> builder.matrixType(GgmlType.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--vocabulary" -> builder.vocabulary(Vocabulary.valueOf(value.toUpperCase(Locale.ROOT)));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        TinyLlamaModel model = builder.build();
        Path file = Path.of(args[0]);
        model.writeTo(file);
        System.out.printf(Locale.ROOT, "wrote %s: %d x %d layers, %d heads (%d kv), ffn %d, vocab %d, context %d, %s%n",
                file, model.embedding(), model.layers(), model.heads(), model.headsKv(), model.feedForward(),
                model.vocabSize(), model.contextLength(), model.matrixType());
    }

    /** Collects the settings of a {@link TinyLlamaModel}; heads-kv follows heads unless set. */
    public static final class Builder {
        private long seed = 42;
        private int embedding = 64;
        private int layers = 2;
        private int heads = 4;
        private int headsKv;
        private int feedForward = 128;
        private int contextLength = 2048;
        private int vocabSize = 512;
        private GgmlType matrixType = GgmlType.F32;
        private @Nullable String chatTemplate = CHATML_TEMPLATE;
        private Architecture architecture = Architecture.LLAMA;
        private Vocabulary vocabulary = Vocabulary.SENTENCEPIECE;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder embedding(int embedding) {
            this.embedding = embedding;
            return this;
        }

        public Builder layers(int layers) {
            this.layers = layers;
            return this;
        }

        public Builder heads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder headsKv(int headsKv) {
            this.headsKv = headsKv;
            return this;
        }

        public Builder feedForward(int feedForward) {
            this.feedForward = feedForward;
            return this;
        }

        public Builder contextLength(int contextLength) {
            this.contextLength = contextLength;
            return this;
        }

        public Builder vocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            return this;
        }

        public Builder matrixType(GgmlType matrixType) {
            this.matrixType = matrixType;
            return this;
        }

        /**
         * Generates {@code architecture}'s layout with its family's chat template
         * ({@link Architecture#chatTemplate()}); a later {@link #chatTemplate} replaces the template.
         */
        public Builder architecture(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            this.chatTemplate = architecture.chatTemplate();
            return this;
        }

        /** Stores {@code template} as {@code tokenizer.chat_template}. */
        public Builder chatTemplate(String template) {
            this.chatTemplate = template;
            return this;
        }

        /** Leaves {@code tokenizer.chat_template} out (llama.cpp then falls back to ChatML). */
        public Builder noChatTemplate() {
            this.chatTemplate = null;
            return this;
        }

        /** Writes {@code vocabulary}'s kind of vocabulary instead of the default SentencePiece one. */
        public Builder vocabulary(Vocabulary vocabulary) {
            this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
            return this;
        }

        public TinyLlamaModel build() {
            return new TinyLlamaModel(seed, embedding, layers, heads, headsKv == 0 ? heads : headsKv,
                    feedForward, contextLength, vocabSize, matrixType, chatTemplate, architecture, vocabulary);
        }
    }
}
