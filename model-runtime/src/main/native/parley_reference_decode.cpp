// llama.cpp's own decode rate on the sources Parley's binding is built from, without Java: the
// reference that ModelBenchmark's figures are compared with (issue #16, docs/models.md). Built by
// build-native.sh beside the binding, from the same checked objects and CMake options; not in the jar. Same context settings
// as the binding's newContext (a KV stream per sequence with kv_unified off, n_seq_max = STREAMS,
// n_batch = n_ubatch, flash attention on), greedy sampling through a sampler chain per sequence as
// the binding's newSampler does.
//
//   parley-reference-decode MODEL PROMPT_TOKENS GEN_TOKENS THREADS ROUNDS [STREAMS]
//
// STREAMS (1 when left out): that many sequences, each with its own prompt of PROMPT_TOKENS,
// decoded sequence by sequence; then every step is one llama_decode of one token per sequence,
// all of them decoding, as Parley's BatchScheduler does once every reply has its first token.
// Prints one line per round: prompt tokens/s (all prompt tokens / time of the prompts' decodes
// and first samples) and generation tokens/s (tokens generated after each sequence's first, over
// all sequences / time from the first step to the last), the definitions ModelBenchmark uses.
// With one stream the line is as it always was; with more it says "streams N, " after the round.
#include "llama.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A fixed prompt of ordinary tokens, distinct per sequence: the same every round and for every run.
static std::vector<llama_token> prompt_of(int sequence, int prompt_tokens, int vocab_size) {
    std::vector<llama_token> prompt(static_cast<size_t>(prompt_tokens));
    for (int i = 0; i < prompt_tokens; i++) {
        const int n = i + sequence * 31;
        // past the low ids, where vocabularies keep their control tokens, when there is room
        prompt[static_cast<size_t>(i)] = static_cast<llama_token>(vocab_size > 400
                ? 100 + (n * 7919) % (vocab_size - 200) : (n * 7919) % vocab_size);
    }
    return prompt;
}

// One entry per token of `tokens`, all in `sequence` from position `first`; logits for the last only.
static bool decode_run(llama_context *ctx, llama_batch &batch, const llama_token *tokens, int count,
        int sequence, int first, int n_batch) {
    for (int done = 0; done < count; done += n_batch) {
        const int chunk = std::min(n_batch, count - done);
        batch.n_tokens = chunk;
        for (int i = 0; i < chunk; i++) {
            batch.token[i] = tokens[done + i];
            batch.pos[i] = first + done + i;
            batch.n_seq_id[i] = 1;
            batch.seq_id[i][0] = sequence;
            batch.logits[i] = done + i == count - 1;
        }
        if (llama_decode(ctx, batch) != 0) {
            return false;
        }
    }
    return true;
}

int main(int argc, char **argv) {
    if (argc != 6 && argc != 7) {
        std::fprintf(stderr, "usage: parley-reference-decode MODEL PROMPT_TOKENS GEN_TOKENS THREADS ROUNDS [STREAMS]\n");
        return 2;
    }
    const int prompt_tokens = std::atoi(argv[2]);
    const int gen_tokens = std::atoi(argv[3]);
    const int threads = std::atoi(argv[4]);
    const int rounds = std::atoi(argv[5]);
    const int streams = argc == 7 ? std::atoi(argv[6]) : 1;
    if (prompt_tokens < 1 || gen_tokens < 2 || threads < 1 || rounds < 1 || streams < 1 || streams > 64) {
        std::fprintf(stderr, "PROMPT_TOKENS, THREADS and ROUNDS must be at least 1, GEN_TOKENS at least 2, STREAMS 1 to 64\n");
        return 2;
    }
    llama_log_set([](ggml_log_level, const char *, void *) {}, nullptr);
    llama_backend_init();
    llama_model *model = llama_model_load_from_file(argv[1], llama_model_default_params());
    if (model == nullptr) {
        std::fprintf(stderr, "cannot load %s\n", argv[1]);
        return 1;
    }
    const llama_vocab *vocab = llama_model_get_vocab(model);
    const int vocab_size = llama_vocab_n_tokens(vocab);
    const int n_batch = 512;
    const uint32_t per_sequence = static_cast<uint32_t>(prompt_tokens + gen_tokens + 8);
    for (int round = 0; round < rounds; round++) {
        llama_context_params params = llama_context_default_params();
        // as the binding's newContext: a KV stream of the same size per sequence
        params.n_ctx = per_sequence * static_cast<uint32_t>(streams);
        params.n_batch = n_batch;
        params.n_ubatch = n_batch;
        params.n_seq_max = static_cast<uint32_t>(streams);
        params.kv_unified = false;
        params.n_threads = threads;
        params.n_threads_batch = threads;
        params.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_ENABLED;
        llama_context *ctx = llama_init_from_model(model, params);
        if (ctx == nullptr) {
            std::fprintf(stderr, "cannot create a context of %d sequences\n", streams);
            return 1;
        }
        llama_batch batch = llama_batch_init(std::max(n_batch, streams), 0, 1);
        std::vector<std::vector<llama_token>> prompts;
        for (int s = 0; s < streams; s++) {
            prompts.push_back(prompt_of(s, prompt_tokens, vocab_size));
        }
        // warm up as the Java side does (its harness generates a few tokens first): the first
        // decode of a fresh context also allocates its compute buffers
        if (!decode_run(ctx, batch, prompts[0].data(), std::min(8, prompt_tokens), 0, 0, n_batch)) {
            std::fprintf(stderr, "warm-up decode failed\n");
            return 1;
        }
        llama_memory_clear(llama_get_memory(ctx), true);
        std::vector<llama_sampler *> chains;
        for (int s = 0; s < streams; s++) {
            chains.push_back(llama_sampler_chain_init(llama_sampler_chain_default_params()));
            llama_sampler_chain_add(chains.back(), llama_sampler_init_greedy());
        }

        std::vector<llama_token> next(static_cast<size_t>(streams));
        auto started = std::chrono::steady_clock::now();
        for (int s = 0; s < streams; s++) {
            if (!decode_run(ctx, batch, prompts[s].data(), prompt_tokens, s, 0, n_batch)) {
                std::fprintf(stderr, "prompt decode failed (sequence %d)\n", s);
                return 1;
            }
            next[s] = llama_sampler_sample(chains[s], ctx, -1);
        }
        double prompt_seconds = seconds_since(started);
        auto first = std::chrono::steady_clock::now();
        long generated = 0;
        for (int i = 1; i < gen_tokens; i++) {
            batch.n_tokens = streams;
            for (int s = 0; s < streams; s++) {
                llama_sampler_accept(chains[s], next[s]);
                batch.token[s] = next[s];
                batch.pos[s] = prompt_tokens + i - 1;
                batch.n_seq_id[s] = 1;
                batch.seq_id[s][0] = s;
                batch.logits[s] = 1;
            }
            if (llama_decode(ctx, batch) != 0) {
                std::fprintf(stderr, "decode failed at token %d\n", i);
                return 1;
            }
            for (int s = 0; s < streams; s++) {
                next[s] = llama_sampler_sample(chains[s], ctx, s);
            }
            generated += streams;
        }
        double gen_seconds = seconds_since(first);
        char label[32] = "";
        if (streams > 1) {
            std::snprintf(label, sizeof label, "streams %d, ", streams);
        }
        std::printf("round %d: %sprompt %d tokens %.1f tok/s, generation %ld tokens %.2f tok/s\n", round + 1, label,
                prompt_tokens, static_cast<double>(prompt_tokens) * streams / prompt_seconds, generated,
                generated / gen_seconds);
        std::fflush(stdout);
        for (llama_sampler *chain : chains) {
            llama_sampler_free(chain);
        }
        llama_batch_free(batch);
        llama_free(ctx);
    }
    llama_model_free(model);
    llama_backend_free();
    return 0;
}
