// Parley's JNI binding to llama.cpp: the native side of dev.parley.model.llamacpp.LlamaJni.
//
// Kept thin on purpose: arguments are checked in Java before they get here, and every function
// below turns a null or negative llama.cpp result, or a C++ exception, into a Java
// LlamaCppException instead of letting it reach the JVM. Strings cross as UTF-8 byte arrays
// because JNI's own string functions use "modified UTF-8", which mangles characters outside
// the BMP. Handles are raw pointers carried in Java longs; Java owns their lifetime.
#include <jni.h>

#include <atomic>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "gguf.h"
#include "llama.h"

namespace {

constexpr const char *EXCEPTION_CLASS = "dev/parley/model/llamacpp/LlamaCppException";
constexpr size_t MAX_LOG_KEPT = 4000;

// llama.cpp reports why a load failed only through its log. Keep the errors of the calling
// thread so the exception can say it; everything else is dropped (no stderr noise).
thread_local std::string recent_errors;

void on_log(ggml_log_level level, const char *text, void *) {
    if (level != GGML_LOG_LEVEL_ERROR || text == nullptr) {
        return;
    }
    if (recent_errors.size() < MAX_LOG_KEPT) {
        recent_errors.append(text, strnlen(text, MAX_LOG_KEPT - recent_errors.size()));
    }
}

void throw_java(JNIEnv *env, const std::string &what) {
    if (env->ExceptionCheck()) {
        return;  // an OutOfMemoryError or the like is already pending: keep it
    }
    std::string message = what;
    std::string detail = recent_errors;
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) {
        detail.pop_back();
    }
    for (char &c : detail) {
        if (c == '\n') c = ' ';
    }
    if (!detail.empty()) {
        message += " (llama.cpp: " + detail + ")";
    }
    jclass type = env->FindClass(EXCEPTION_CLASS);
    if (type != nullptr) {
        env->ThrowNew(type, message.c_str());
    }
}

// Runs body with the thread's error log cleared, turning C++ exceptions into Java ones.
template <typename R, typename F>
R guarded(JNIEnv *env, R fallback, F body) {
    recent_errors.clear();
    try {
        return body();
    } catch (const std::exception &e) {
        throw_java(env, std::string("native error: ") + e.what());
    } catch (...) {
        throw_java(env, "unknown native error");
    }
    return fallback;
}

std::string to_string(JNIEnv *env, jbyteArray bytes) {
    jsize length = env->GetArrayLength(bytes);
    std::string text(static_cast<size_t>(length), '\0');
    env->GetByteArrayRegion(bytes, 0, length, reinterpret_cast<jbyte *>(text.data()));
    return text;
}

jbyteArray to_bytes(JNIEnv *env, const char *data, size_t length) {
    jbyteArray array = env->NewByteArray(static_cast<jsize>(length));
    if (array != nullptr) {
        env->SetByteArrayRegion(array, 0, static_cast<jsize>(length), reinterpret_cast<const jbyte *>(data));
    }
    return array;
}

// llama.cpp's vocabulary loader aborts the process (GGML_ASSERT) when two tokens share one
// text, or when the token list is not an array of strings. gguf's own parser returns null on a
// bad file instead of aborting, so read the list with it first and refuse such a file.
std::string vocabulary_problem(const std::string &file) {
    gguf_init_params params{true, nullptr};
    gguf_context *gguf = gguf_init_from_file(file.c_str(), params);
    if (gguf == nullptr) {
        return "";  // unreadable: llama.cpp's loader reports it the same way, without aborting
    }
    std::string problem;
    int64_t key = gguf_find_key(gguf, "tokenizer.ggml.tokens");
    if (key >= 0) {
        if (gguf_get_kv_type(gguf, key) != GGUF_TYPE_ARRAY || gguf_get_arr_type(gguf, key) != GGUF_TYPE_STRING) {
            problem = "tokenizer.ggml.tokens is not an array of strings";
        } else {
            size_t count = gguf_get_arr_n(gguf, key);
            std::unordered_set<std::string_view> seen;
            seen.reserve(count);
            for (size_t i = 0; i < count && problem.empty(); i++) {
                if (!seen.insert(gguf_get_arr_str(gguf, key, i)).second) {
                    problem = "tokenizer.ggml.tokens holds the text of token " + std::to_string(i) + " twice";
                }
            }
        }
    }
    gguf_free(gguf);
    return problem;
}

// A context with the flag its abort callback reads, so Java can stop a decode from any thread,
// and the batch every decodeBatch fills, made once: no allocation per generated token.
struct Context {
    llama_context *ctx = nullptr;
    std::atomic<bool> cancelled{false};
    llama_batch batch{};
    int capacity = 0;
    std::vector<jboolean> wanted;
};

// Fills the context's batch from the Java arrays; the caller checked count against the capacity.
void fill_batch(JNIEnv *env, Context *holder, jintArray tokens, jintArray positions, jintArray sequences,
        jbooleanArray logits, jint count) {
    llama_batch &batch = holder->batch;
    batch.n_tokens = count;
    env->GetIntArrayRegion(tokens, 0, count, batch.token);
    env->GetIntArrayRegion(positions, 0, count, batch.pos);
    env->GetBooleanArrayRegion(logits, 0, count, holder->wanted.data());
    // one sequence id per entry: read them straight into each entry's slot
    for (jint i = 0; i < count; i++) {
        env->GetIntArrayRegion(sequences, i, 1, batch.seq_id[i]);
        batch.n_seq_id[i] = 1;
        batch.logits[i] = holder->wanted[static_cast<size_t>(i)] ? 1 : 0;
    }
}

bool is_cancelled(void *data) {
    return static_cast<Context *>(data)->cancelled.load(std::memory_order_relaxed);
}

llama_model *model_of(jlong handle) { return reinterpret_cast<llama_model *>(handle); }
Context *context_of(jlong handle) { return reinterpret_cast<Context *>(handle); }
const llama_vocab *vocab_of(jlong model) { return llama_model_get_vocab(model_of(model)); }

}  // namespace

extern "C" {

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *, void *) {
    llama_log_set(on_log, nullptr);
    llama_backend_init();
    return JNI_VERSION_10;
}

JNIEXPORT jlong JNICALL Java_dev_parley_model_llamacpp_LlamaJni_loadModel(
        JNIEnv *env, jclass, jbyteArray path, jint gpu_layers) {
    return guarded<jlong>(env, 0, [&]() -> jlong {
        std::string file = to_string(env, path);
        std::string problem = vocabulary_problem(file);
        if (!problem.empty()) {
            throw_java(env, "llama.cpp would abort on the model " + file + ": " + problem);
            return 0;
        }
        llama_model_params params = llama_model_default_params();
        params.n_gpu_layers = gpu_layers;
        llama_model *model = llama_model_load_from_file(file.c_str(), params);
        if (model == nullptr) {
            throw_java(env, "llama.cpp could not load the model " + file);
            return 0;
        }
        return reinterpret_cast<jlong>(model);
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_freeModel(JNIEnv *env, jclass, jlong model) {
    guarded<int>(env, 0, [&] {
        llama_model_free(model_of(model));
        return 0;
    });
}

JNIEXPORT jlong JNICALL Java_dev_parley_model_llamacpp_LlamaJni_newContext(
        JNIEnv *env, jclass, jlong model, jint context_size, jint batch_size, jint threads, jboolean flash_attention,
        jint sequences) {
    return guarded<jlong>(env, 0, [&]() -> jlong {
        auto *holder = new Context();
        llama_context_params params = llama_context_default_params();
        // one KV stream per sequence (kv_unified off): each conversation gets the whole
        // context_size, none can crowd another out, and attention reads only its own cells
        params.n_ctx = static_cast<uint32_t>(context_size) * static_cast<uint32_t>(sequences);
        params.n_batch = static_cast<uint32_t>(batch_size);
        params.n_ubatch = static_cast<uint32_t>(batch_size);
        params.n_seq_max = static_cast<uint32_t>(sequences);
        params.kv_unified = false;
        params.n_threads = threads;
        params.n_threads_batch = threads;
        params.flash_attn_type = flash_attention ? LLAMA_FLASH_ATTN_TYPE_ENABLED : LLAMA_FLASH_ATTN_TYPE_DISABLED;
        params.abort_callback = is_cancelled;
        params.abort_callback_data = holder;
        holder->ctx = llama_init_from_model(model_of(model), params);
        if (holder->ctx == nullptr) {
            delete holder;
            throw_java(env, "llama.cpp could not create a context of " + std::to_string(context_size) + " tokens");
            return 0;
        }
        holder->batch = llama_batch_init(batch_size, 0, 1);
        holder->capacity = batch_size;
        holder->wanted.resize(static_cast<size_t>(batch_size));
        return reinterpret_cast<jlong>(holder);
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_freeContext(JNIEnv *env, jclass, jlong context) {
    guarded<int>(env, 0, [&] {
        Context *holder = context_of(context);
        llama_free(holder->ctx);
        llama_batch_free(holder->batch);
        delete holder;
        return 0;
    });
}

JNIEXPORT jint JNICALL Java_dev_parley_model_llamacpp_LlamaJni_vocabSize(JNIEnv *env, jclass, jlong model) {
    return guarded<jint>(env, 0, [&] { return llama_vocab_n_tokens(vocab_of(model)); });
}

JNIEXPORT jint JNICALL Java_dev_parley_model_llamacpp_LlamaJni_trainedContextSize(JNIEnv *env, jclass, jlong model) {
    return guarded<jint>(env, 0, [&] { return llama_model_n_ctx_train(model_of(model)); });
}

JNIEXPORT jint JNICALL Java_dev_parley_model_llamacpp_LlamaJni_contextSize(JNIEnv *env, jclass, jlong context) {
    // per sequence: with one sequence the same as llama_n_ctx
    return guarded<jint>(env, 0, [&] { return static_cast<jint>(llama_n_ctx_seq(context_of(context)->ctx)); });
}

JNIEXPORT jintArray JNICALL Java_dev_parley_model_llamacpp_LlamaJni_tokenize(
        JNIEnv *env, jclass, jlong model, jbyteArray text, jboolean add_special, jboolean parse_special) {
    return guarded<jintArray>(env, nullptr, [&]() -> jintArray {
        std::string utf8 = to_string(env, text);
        const llama_vocab *vocab = vocab_of(model);
        // a first guess; llama.cpp answers with minus the size it needs when it is too small
        std::vector<llama_token> tokens(utf8.size() + 8);
        int32_t n = llama_tokenize(vocab, utf8.data(), static_cast<int32_t>(utf8.size()), tokens.data(),
                                   static_cast<int32_t>(tokens.size()), add_special, parse_special);
        if (n < 0 && n != INT32_MIN) {
            tokens.resize(static_cast<size_t>(-n));
            n = llama_tokenize(vocab, utf8.data(), static_cast<int32_t>(utf8.size()), tokens.data(),
                               static_cast<int32_t>(tokens.size()), add_special, parse_special);
        }
        if (n < 0) {
            throw_java(env, "llama.cpp could not tokenize a text of " + std::to_string(utf8.size()) + " bytes");
            return nullptr;
        }
        jintArray result = env->NewIntArray(n);
        if (result != nullptr) {
            env->SetIntArrayRegion(result, 0, n, tokens.data());
        }
        return result;
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_parley_model_llamacpp_LlamaJni_detokenize(
        JNIEnv *env, jclass, jlong model, jintArray tokens, jboolean render_special) {
    return guarded<jbyteArray>(env, nullptr, [&]() -> jbyteArray {
        jsize count = env->GetArrayLength(tokens);
        std::vector<llama_token> ids(static_cast<size_t>(count));
        env->GetIntArrayRegion(tokens, 0, count, ids.data());
        const llama_vocab *vocab = vocab_of(model);
        std::vector<char> text(static_cast<size_t>(count) * 8 + 16);
        int32_t n = llama_detokenize(vocab, ids.data(), count, text.data(), static_cast<int32_t>(text.size()),
                                     false, render_special);
        if (n < 0 && n != INT32_MIN) {
            text.resize(static_cast<size_t>(-n));
            n = llama_detokenize(vocab, ids.data(), count, text.data(), static_cast<int32_t>(text.size()),
                                 false, render_special);
        }
        if (n < 0) {
            throw_java(env, "llama.cpp could not detokenize " + std::to_string(count) + " tokens");
            return nullptr;
        }
        return to_bytes(env, text.data(), static_cast<size_t>(n));
    });
}

JNIEXPORT jboolean JNICALL Java_dev_parley_model_llamacpp_LlamaJni_isEndOfGeneration(
        JNIEnv *env, jclass, jlong model, jint token) {
    return guarded<jboolean>(env, JNI_FALSE, [&] {
        return llama_vocab_is_eog(vocab_of(model), token) ? JNI_TRUE : JNI_FALSE;
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_parley_model_llamacpp_LlamaJni_chatTemplate(JNIEnv *env, jclass, jlong model) {
    return guarded<jbyteArray>(env, nullptr, [&]() -> jbyteArray {
        const char *tmpl = llama_model_chat_template(model_of(model), nullptr);
        return tmpl == nullptr ? nullptr : to_bytes(env, tmpl, strlen(tmpl));
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_parley_model_llamacpp_LlamaJni_applyChatTemplate(
        JNIEnv *env, jclass, jbyteArray tmpl, jobjectArray roles, jobjectArray contents, jboolean add_assistant) {
    return guarded<jbyteArray>(env, nullptr, [&]() -> jbyteArray {
        std::string template_text = to_string(env, tmpl);
        jsize count = env->GetArrayLength(roles);
        std::vector<std::string> role_texts, content_texts;
        size_t total = 0;
        for (jsize i = 0; i < count; i++) {
            auto role = static_cast<jbyteArray>(env->GetObjectArrayElement(roles, i));
            auto content = static_cast<jbyteArray>(env->GetObjectArrayElement(contents, i));
            role_texts.push_back(to_string(env, role));
            content_texts.push_back(to_string(env, content));
            env->DeleteLocalRef(role);
            env->DeleteLocalRef(content);
            total += role_texts.back().size() + content_texts.back().size();
        }
        std::vector<llama_chat_message> chat;
        for (jsize i = 0; i < count; i++) {
            chat.push_back({role_texts[i].c_str(), content_texts[i].c_str()});
        }
        std::vector<char> buffer(2 * total + 256);
        int32_t n = llama_chat_apply_template(template_text.c_str(), chat.data(), chat.size(), add_assistant,
                                              buffer.data(), static_cast<int32_t>(buffer.size()));
        if (n > static_cast<int32_t>(buffer.size())) {
            buffer.resize(static_cast<size_t>(n));
            n = llama_chat_apply_template(template_text.c_str(), chat.data(), chat.size(), add_assistant,
                                          buffer.data(), static_cast<int32_t>(buffer.size()));
        }
        if (n < 0) {
            return nullptr;  // a template llama.cpp does not know: Java says so
        }
        return to_bytes(env, buffer.data(), static_cast<size_t>(n));
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_clearMemory(JNIEnv *env, jclass, jlong context) {
    guarded<int>(env, 0, [&] {
        Context *holder = context_of(context);
        llama_memory_clear(llama_get_memory(holder->ctx), true);
        holder->cancelled.store(false);
        return 0;
    });
}

JNIEXPORT jboolean JNICALL Java_dev_parley_model_llamacpp_LlamaJni_keepPrefix(
        JNIEnv *env, jclass, jlong context, jint count) {
    return guarded<jboolean>(env, JNI_FALSE, [&] {
        Context *holder = context_of(context);
        holder->cancelled.store(false);
        // false when the memory cannot drop a suffix (recurrent models): Java clears it instead
        return llama_memory_seq_rm(llama_get_memory(holder->ctx), 0, count, -1) ? JNI_TRUE : JNI_FALSE;
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_cancel(JNIEnv *, jclass, jlong context) {
    context_of(context)->cancelled.store(true);
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_resume(JNIEnv *, jclass, jlong context) {
    context_of(context)->cancelled.store(false);
}

JNIEXPORT jint JNICALL Java_dev_parley_model_llamacpp_LlamaJni_decodeBatch(
        JNIEnv *env, jclass, jlong context, jintArray tokens, jintArray positions, jintArray sequences,
        jbooleanArray logits, jint count) {
    return guarded<jint>(env, -1, [&]() -> jint {
        Context *holder = context_of(context);
        if (holder->cancelled.load()) {
            return 2;  // llama_decode's own code for "aborted"
        }
        if (count > holder->capacity) {
            return -1;  // Java checks it first; never write past the batch
        }
        fill_batch(env, holder, tokens, positions, sequences, logits, count);
        return llama_decode(holder->ctx, holder->batch);
    });
}

// decodeBatch, then, once it decoded, each entry i with samplers[i] != 0 sampled from its logits
// with that chain, into sampled[i]: the token, or ~token for an end-of-generation one. One
// crossing a generated token instead of three (decode, sample, end check).
JNIEXPORT jint JNICALL Java_dev_parley_model_llamacpp_LlamaJni_decodeAndSample(
        JNIEnv *env, jclass, jlong context, jintArray tokens, jintArray positions, jintArray sequences,
        jbooleanArray logits, jint count, jlongArray samplers, jintArray sampled) {
    return guarded<jint>(env, -1, [&]() -> jint {
        Context *holder = context_of(context);
        if (holder->cancelled.load()) {
            return 2;
        }
        if (count > holder->capacity) {
            return -1;
        }
        fill_batch(env, holder, tokens, positions, sequences, logits, count);
        int code = llama_decode(holder->ctx, holder->batch);
        if (code != 0) {
            return code;
        }
        const llama_vocab *vocab = llama_model_get_vocab(llama_get_model(holder->ctx));
        jboolean copied = JNI_FALSE;
        // plain reads and writes of two small arrays; no JNI call in between
        jlong *chains = env->GetLongArrayElements(samplers, &copied);
        jint *out = env->GetIntArrayElements(sampled, &copied);
        if (chains == nullptr || out == nullptr) {
            if (chains != nullptr) env->ReleaseLongArrayElements(samplers, chains, JNI_ABORT);
            if (out != nullptr) env->ReleaseIntArrayElements(sampled, out, JNI_ABORT);
            return -1;  // an OutOfMemoryError is pending
        }
        for (jint i = 0; i < count; i++) {
            if (chains[i] != 0 && holder->batch.logits[i]) {
                llama_token token = llama_sampler_sample(reinterpret_cast<llama_sampler *>(chains[i]), holder->ctx, i);
                out[i] = llama_vocab_is_eog(vocab, token) ? ~token : token;
            }
        }
        env->ReleaseLongArrayElements(samplers, chains, JNI_ABORT);
        env->ReleaseIntArrayElements(sampled, out, 0);
        return code;
    });
}

JNIEXPORT jint JNICALL Java_dev_parley_model_llamacpp_LlamaJni_sampleAt(
        JNIEnv *env, jclass, jlong context, jlong sampler, jint index) {
    return guarded<jint>(env, -1, [&] {
        return llama_sampler_sample(reinterpret_cast<llama_sampler *>(sampler), context_of(context)->ctx, index);
    });
}

JNIEXPORT jboolean JNICALL Java_dev_parley_model_llamacpp_LlamaJni_forgetSequence(
        JNIEnv *env, jclass, jlong context, jint sequence, jint from) {
    return guarded<jboolean>(env, JNI_FALSE, [&] {
        return llama_memory_seq_rm(llama_get_memory(context_of(context)->ctx), sequence, from, -1) ? JNI_TRUE : JNI_FALSE;
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_copySequence(
        JNIEnv *env, jclass, jlong context, jint source, jint target) {
    guarded<int>(env, 0, [&] {
        // whole sequences only: between KV streams llama.cpp asserts (aborts) on a partial copy
        llama_memory_seq_cp(llama_get_memory(context_of(context)->ctx), source, target, -1, -1);
        return 0;
    });
}

JNIEXPORT jlong JNICALL Java_dev_parley_model_llamacpp_LlamaJni_sequenceStateSize(
        JNIEnv *env, jclass, jlong context, jint sequence) {
    return guarded<jlong>(env, 0, [&]() -> jlong {
        // the sequence's own cells only (positions, ids, every layer's K and V rows), not its whole stream
        size_t size = llama_state_seq_get_size_ext(context_of(context)->ctx, sequence, 0);
        if (size == 0) {
            throw_java(env, "llama.cpp could not size the state of sequence " + std::to_string(sequence));
            return 0;
        }
        return static_cast<jlong>(size);
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_parley_model_llamacpp_LlamaJni_saveSequence(
        JNIEnv *env, jclass, jlong context, jint sequence, jlong size) {
    return guarded<jbyteArray>(env, nullptr, [&]() -> jbyteArray {
        std::vector<uint8_t> state(static_cast<size_t>(size));
        size_t written = llama_state_seq_get_data_ext(context_of(context)->ctx, state.data(), state.size(), sequence, 0);
        if (written == 0 || written > state.size()) {
            throw_java(env, "llama.cpp could not save the state of sequence " + std::to_string(sequence));
            return nullptr;
        }
        return to_bytes(env, reinterpret_cast<const char *>(state.data()), written);
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_restoreSequence(
        JNIEnv *env, jclass, jlong context, jint sequence, jbyteArray saved) {
    guarded<int>(env, 0, [&] {
        jsize length = env->GetArrayLength(saved);
        std::vector<uint8_t> state(static_cast<size_t>(length));
        env->GetByteArrayRegion(saved, 0, length, reinterpret_cast<jbyte *>(state.data()));
        // on failure llama.cpp has emptied the sequence and says why in its log
        if (llama_state_seq_set_data_ext(context_of(context)->ctx, state.data(), state.size(), sequence, 0) == 0) {
            throw_java(env, "llama.cpp could not restore a saved state of " + std::to_string(length)
                    + " bytes into sequence " + std::to_string(sequence));
        }
        return 0;
    });
}

JNIEXPORT jlong JNICALL Java_dev_parley_model_llamacpp_LlamaJni_newSampler(
        JNIEnv *env, jclass, jfloat temperature, jfloat top_p, jint seed) {
    return guarded<jlong>(env, 0, [&]() -> jlong {
        llama_sampler *chain = llama_sampler_chain_init(llama_sampler_chain_default_params());
        if (chain == nullptr) {
            throw_java(env, "llama.cpp could not create a sampler");
            return 0;
        }
        if (temperature <= 0.0f) {
            llama_sampler_chain_add(chain, llama_sampler_init_greedy());
        } else {
            llama_sampler_chain_add(chain, llama_sampler_init_top_p(top_p, 1));
            llama_sampler_chain_add(chain, llama_sampler_init_temp(temperature));
            llama_sampler_chain_add(chain, llama_sampler_init_dist(static_cast<uint32_t>(seed)));
        }
        return reinterpret_cast<jlong>(chain);
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_freeSampler(JNIEnv *env, jclass, jlong sampler) {
    guarded<int>(env, 0, [&] {
        llama_sampler_free(reinterpret_cast<llama_sampler *>(sampler));
        return 0;
    });
}

JNIEXPORT jlong JNICALL Java_dev_parley_model_llamacpp_LlamaJni_loadLoraAdapter(
        JNIEnv *env, jclass, jlong model, jbyteArray path) {
    return guarded<jlong>(env, 0, [&]() -> jlong {
        std::string file = to_string(env, path);
        // freed with its model (llama_model_free), so Java keeps no separate lifetime for it
        llama_adapter_lora *adapter = llama_adapter_lora_init(model_of(model), file.c_str());
        if (adapter == nullptr) {
            throw_java(env, "llama.cpp could not load the LoRA adapter " + file);
            return 0;
        }
        return reinterpret_cast<jlong>(adapter);
    });
}

JNIEXPORT void JNICALL Java_dev_parley_model_llamacpp_LlamaJni_setLoraAdapters(
        JNIEnv *env, jclass, jlong context, jlongArray adapters, jfloatArray scales) {
    guarded<int>(env, 0, [&] {
        jsize count = env->GetArrayLength(adapters);
        std::vector<jlong> handles(static_cast<size_t>(count));
        std::vector<float> values(static_cast<size_t>(count));
        env->GetLongArrayRegion(adapters, 0, count, handles.data());
        env->GetFloatArrayRegion(scales, 0, count, values.data());
        std::vector<llama_adapter_lora *> pointers;
        for (jlong handle : handles) {
            pointers.push_back(reinterpret_cast<llama_adapter_lora *>(handle));
        }
        // with no adapters both pointers are null and the count 0, which llama.cpp accepts
        llama_set_adapters_lora(context_of(context)->ctx, count == 0 ? nullptr : pointers.data(), pointers.size(),
                                count == 0 ? nullptr : values.data());
        return 0;
    });
}

}  // extern "C"
