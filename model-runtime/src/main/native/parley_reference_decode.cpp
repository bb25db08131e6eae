// llama.cpp's own decode rate on the sources Parley's binding is built from, without Java: the
// reference that ModelBenchmark's figures are compared with (issue #16, docs/models.md). Built by
// build-native.sh beside the binding, from the same checked objects and CMake options; not in the jar. Same context settings
// as the binding's newContext (one sequence, n_batch = n_ubatch, flash attention on), greedy
// sampling through a sampler chain as the binding's newSampler does, one token per decode.
//
//   parley-reference-decode MODEL PROMPT_TOKENS GEN_TOKENS THREADS ROUNDS
//
// Prints one line per round: prompt tokens/s (prompt_tokens / time of the prompt's decode) and
// generation tokens/s (generated tokens after the first / time from the first to the last),
// the definitions ModelBenchmark uses.
#include "llama.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int main(int argc, char **argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: parley-reference-decode MODEL PROMPT_TOKENS GEN_TOKENS THREADS ROUNDS\n");
        return 2;
    }
    const int prompt_tokens = std::atoi(argv[2]);
    const int gen_tokens = std::atoi(argv[3]);
    const int threads = std::atoi(argv[4]);
    const int rounds = std::atoi(argv[5]);
    if (prompt_tokens < 1 || gen_tokens < 2 || threads < 1 || rounds < 1) {
        std::fprintf(stderr, "PROMPT_TOKENS, THREADS and ROUNDS must be at least 1, GEN_TOKENS at least 2\n");
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
    for (int round = 0; round < rounds; round++) {
        llama_context_params params = llama_context_default_params();
        params.n_ctx = static_cast<uint32_t>(prompt_tokens + gen_tokens + 8);
        params.n_batch = 512;
        params.n_ubatch = 512;
        params.n_seq_max = 1;
        params.n_threads = threads;
        params.n_threads_batch = threads;
        params.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_ENABLED;
        llama_context *ctx = llama_init_from_model(model, params);
        // a fixed prompt of ordinary tokens: the same every round and for every run
        std::vector<llama_token> prompt(static_cast<size_t>(prompt_tokens));
        for (int i = 0; i < prompt_tokens; i++) {
            // past the low ids, where vocabularies keep their control tokens, when there is room
            prompt[static_cast<size_t>(i)] = static_cast<llama_token>(vocab_size > 400
                    ? 100 + (i * 7919) % (vocab_size - 200) : (i * 7919) % vocab_size);
        }
        // warm up as the Java side does (its harness generates a few tokens first): the first
        // decode of a fresh context also allocates its compute buffers
        {
            std::vector<llama_token> warm(prompt.begin(), prompt.begin() + std::min(8, prompt_tokens));
            if (llama_decode(ctx, llama_batch_get_one(warm.data(), static_cast<int32_t>(warm.size()))) != 0) {
                std::fprintf(stderr, "warm-up decode failed\n");
                return 1;
            }
            llama_memory_clear(llama_get_memory(ctx), true);
        }
        llama_sampler *chain = llama_sampler_chain_init(llama_sampler_chain_default_params());
        llama_sampler_chain_add(chain, llama_sampler_init_greedy());

        auto started = std::chrono::steady_clock::now();
        if (llama_decode(ctx, llama_batch_get_one(prompt.data(), prompt_tokens)) != 0) {
            std::fprintf(stderr, "prompt decode failed\n");
            return 1;
        }
        llama_token token = llama_sampler_sample(chain, ctx, -1);
        double prompt_seconds = seconds_since(started);
        auto first = std::chrono::steady_clock::now();
        int generated = 0;
        for (int i = 1; i < gen_tokens; i++) {
            llama_sampler_accept(chain, token);
            if (llama_decode(ctx, llama_batch_get_one(&token, 1)) != 0) {
                std::fprintf(stderr, "decode failed at token %d\n", i);
                return 1;
            }
            token = llama_sampler_sample(chain, ctx, -1);
            generated++;
        }
        double gen_seconds = seconds_since(first);
        std::printf("round %d: prompt %d tokens %.1f tok/s, generation %d tokens %.2f tok/s\n", round + 1,
                prompt_tokens, prompt_tokens / prompt_seconds, generated, generated / gen_seconds);
        std::fflush(stdout);
        llama_sampler_free(chain);
        llama_free(ctx);
    }
    llama_model_free(model);
    llama_backend_free();
    return 0;
}
