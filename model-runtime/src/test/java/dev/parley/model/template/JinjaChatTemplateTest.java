package dev.parley.model.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.model.llamacpp.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JinjaChatTemplateTest {

    private static final InstantSource FIXED = InstantSource.fixed(Instant.parse("2026-12-06T08:00:00Z"));
    private static final List<ChatMessage> CONVERSATION = List.of(
            new ChatMessage("system", "  Be brief.  "),
            new ChatMessage("user", "hello"),
            new ChatMessage("assistant", "<think>hmm</think>\n\nhi"),
            new ChatMessage("user", "how are you?"));

    private static JinjaChatTemplate template(String source) {
        return new JinjaChatTemplate(source, "<s>", "</s>", FIXED, TemplateLimits.DEFAULT);
    }

    @Test
    void render_constructsRealTemplatesUse() {
        // the shapes of Hugging Face templates: namespace, loop, slicing, string methods, raise_exception
        String source = """
                {%- if messages[0]['role'] == 'system' -%}
                    {%- set system = messages[0]['content'].strip() -%}
                    {%- set rest = messages[1:] -%}
                {%- else -%}
                    {%- set system = '' -%}
                    {%- set rest = messages -%}
                {%- endif -%}
                {%- set ns = namespace(last_user=-1) -%}
                {%- for m in rest -%}
                    {%- if m.role == 'user' %}{% set ns.last_user = loop.index0 %}{% endif -%}
                {%- endfor -%}
                {{ bos_token }}[{{ system }}|{{ strftime_now('%d %b %Y') }}]
                {% for m in rest %}
                {% if (m.role == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('roles must alternate') }}{% endif %}
                {% set content = m.content %}
                {% if m.role == 'assistant' and '</think>' in content %}{% set content = content.split('</think>')[-1].lstrip() %}{% endif %}
                {{ m.role.upper() }}{% if loop.index0 == ns.last_user %}*{% endif %}: {{ content }}{% if m.content.endswith('?') %} (q){% endif %}
                {% endfor %}
                {% if add_generation_prompt %}ASSISTANT:{% endif %}""";

        String rendered = template(source).render(CONVERSATION);

        // trim_blocks as in Jinja2: the newline after a block tag goes, the one after an expression stays
        assertThat(rendered).isEqualTo("<s>[Be brief.|06 Dec 2026]\n"
                + "USER: helloASSISTANT: hiUSER*: how are you? (q)ASSISTANT:");
    }

    @Test
    void render_withoutTheGenerationPrompt_isTheTurnsTheWholePromptOpensWith() {
        JinjaChatTemplate template = template("{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}"
                + "{% if add_generation_prompt %}<assistant>{% if enable_thinking is false %}<think></think>{% endif %}{% endif %}");

        String whole = template.render(CONVERSATION);
        String turns = template.render(CONVERSATION, false);

        assertThat(whole).startsWith(turns);
        assertThat(whole.substring(turns.length())).isEqualTo("<assistant><think></think>");
    }

    @Test
    void render_raiseExceptionFailsInOneLine() {
        JinjaChatTemplate template = template("{% if messages[-1].role != 'assistant' %}{{ raise_exception('Only\nassistant last') }}{% endif %}");

        assertThatThrownBy(() -> template.render(CONVERSATION))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessage("the chat template raised: Only assistant last");
    }

    @Test
    void render_userTextThatLooksLikeTemplateIsContent() {
        List<ChatMessage> messages = List.of(new ChatMessage("user", "{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %} {{ raise_exception('no') }}"));

        String rendered = template("{% for m in messages %}{{ m.content }}{% endfor %}").render(messages);

        assertThat(rendered).isEqualTo("{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %} {{ raise_exception('no') }}");
    }

    @Test
    void render_syntaxErrorFailsInOneLine() {
        assertThatThrownBy(() -> template("{% if messages %}unclosed").render(CONVERSATION))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageStartingWith("the chat template failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void render_hugeOutputIsRefused() {
        JinjaChatTemplate template = new JinjaChatTemplate(
                "{% for a in range(1000) %}{% for b in range(1000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
                "<s>", "</s>", FIXED, new TemplateLimits(100_000, Duration.ofMinutes(1), 10_000));

        assertThatThrownBy(() -> template.render(CONVERSATION))
                .isInstanceOf(ChatTemplateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void render_longLoopIsStoppedAtTheTimeLimit() {
        // every reading of the clock is a second later: the loop outlives a 5 s limit after a few nodes
        AtomicLong millis = new AtomicLong();
        InstantSource ticking = () -> Instant.ofEpochMilli(millis.addAndGet(1_000));
        JinjaChatTemplate template = new JinjaChatTemplate(
                "{% for a in range(10000) %}{% for b in range(10000) %}{{ a }}{% endfor %}{% endfor %}",
                "<s>", "</s>", ticking, new TemplateLimits(1_000_000_000L, Duration.ofSeconds(5), 10_000));

        assertThatThrownBy(() -> template.render(CONVERSATION))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessage("the chat template ran longer than 5000 ms");
    }

    @Test
    void render_javaMethodsOfStringsAreRefused() {
        assertThatThrownBy(() -> template("{{ 'x'.repeat(1000000000) }}").render(CONVERSATION))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("strings have no method repeat()");
    }

    @Test
    void render_enableThinkingIsFalse() {
        String source = "{{ '<|im_start|>assistant\\n' }}{% if enable_thinking is defined and enable_thinking is false %}"
                + "{{ '<think>\\n\\n</think>\\n\\n' }}{% endif %}";

        assertThat(template(source).render(CONVERSATION)).isEqualTo("<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }
}
