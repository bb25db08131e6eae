package dev.parley.testkit.gguf;

/**
 * Chat templates in the formats of the model families {@link Architecture} covers, written for
 * Parley's tests from the formats themselves (not copied from any model) with the constructs real
 * templates use: loops, slices, {@code namespace}, {@code raise_exception}, string methods.
 */
final class ChatFormats {

    /** Llama 3 headers: each message between header markers, ended by {@code <|eot_id|>}. */
    static final String LLAMA3 = "{{ bos_token }}"
            + "{% for message in messages %}"
            + "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}"
            + "{{ message['content'] | trim }}{{ '<|eot_id|>' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

    /** ChatML as Qwen2.5 uses it: a default system prompt when the conversation has none. */
    static final String QWEN2 = "{% for message in messages %}"
            + "{% if loop.first and message['role'] != 'system' %}"
            + "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}"
            + "{% endif %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /**
     * ChatML as Qwen3 uses it: earlier replies lose their thinking, and with thinking off the
     * reply opens with an empty think block.
     */
    static final String QWEN3 = "{% set ns = namespace(last_user=-1) %}"
            + "{% for message in messages %}{% if message.role == 'user' %}{% set ns.last_user = loop.index0 %}{% endif %}{% endfor %}"
            + "{% for message in messages %}"
            + "{% set content = message.content %}"
            + "{% if message.role == 'assistant' and '</think>' in content %}"
            + "{% set content = content.split('</think>')[-1].lstrip('\\n') %}"
            + "{% endif %}"
            + "{{ '<|im_start|>' + message.role + '\\n' + content.strip() + '<|im_end|>\\n' }}"
            + "{% endfor %}"
            + "{% if ns.last_user < 0 %}{{ raise_exception('No user message found.') }}{% endif %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
            + "{% if enable_thinking is defined and enable_thinking is false %}{{ '<think>\\n\\n</think>\\n\\n' }}{% endif %}"
            + "{% endif %}";

    /** Gemma 3: no system role (its text opens the first user turn), the assistant is "model". */
    static final String GEMMA3 = "{{ bos_token }}"
            + "{% if messages[0]['role'] == 'system' %}"
            + "{% set preamble = messages[0]['content'] + '\\n\\n' %}{% set turns = messages[1:] %}"
            + "{% else %}{% set preamble = '' %}{% set turns = messages %}{% endif %}"
            + "{% for message in turns %}"
            + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
            + "{% endif %}"
            + "{% if message['role'] == 'assistant' %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}"
            + "{{ '<start_of_turn>' + role + '\\n' }}{% if loop.first %}{{ preamble }}{% endif %}"
            + "{{ message['content'] | trim }}{{ '<end_of_turn>\\n' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}";

    private ChatFormats() {}
}
