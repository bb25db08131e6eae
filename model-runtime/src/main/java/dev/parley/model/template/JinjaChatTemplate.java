package dev.parley.model.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.parley.model.llamacpp.ChatMessage;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jinjava.javax.el.CompositeELResolver;
import org.jspecify.annotations.Nullable;

/**
 * A model's own Jinja chat template ({@code tokenizer.chat_template}), rendered in Java the way
 * Hugging Face's {@code apply_chat_template} renders it: {@code messages} (role and content),
 * {@code add_generation_prompt}, {@code bos_token}, {@code eos_token}, {@code enable_thinking}
 * false (Parley never shows thinking, so it does not ask for it), blocks trimmed as Jinja2's
 * {@code trim_blocks}/{@code lstrip_blocks}, and the helpers templates call
 * ({@code raise_exception}, {@code strftime_now}, Python's string methods).
 *
 * <p>Sandboxed, because a template is data from a model file: the messages are values, never
 * evaluated as template text; output, strings, loops and render time are bounded
 * ({@link TemplateLimits}); strings offer only Python's methods. Any failure is one
 * {@link ChatTemplateException} line. Thread-safe.
 */
public final class JinjaChatTemplate {

    private final String source;
    private final String bosToken;
    private final String eosToken;
    private final InstantSource clock;
    private final TemplateLimits limits;
    private final Jinjava jinjava;

    /**
     * A template ready to render.
     *
     * @param source the template text
     * @param bosToken the text of the model's start token, for templates that write it
     * @param eosToken the text of the model's end token
     * @param clock the time {@code strftime_now} and the time limit read
     * @param limits how far a render may go
     */
    public JinjaChatTemplate(String source, String bosToken, String eosToken, InstantSource clock, TemplateLimits limits) {
        this.source = Objects.requireNonNull(source, "source");
        this.bosToken = Objects.requireNonNull(bosToken, "bosToken");
        this.eosToken = Objects.requireNonNull(eosToken, "eosToken");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.jinjava = new Jinjava(config(null));
        jinjava.registerFunction(new ELFunctionDefinition("", "raise_exception", TemplateFunctions.class,
                "raiseException", Object.class));
        jinjava.registerFunction(new ELFunctionDefinition("", "strftime_now", TemplateFunctions.class,
                "strftimeNow", String.class));
    }

    /** The template text. */
    public String source() {
        return source;
    }

    /**
     * Renders {@code messages}, ending with the opening of the assistant's reply.
     *
     * @throws ChatTemplateException if the template fails, raises an error or exceeds a limit
     */
    public String render(List<ChatMessage> messages) {
        return render(messages, true);
    }

    /**
     * Renders {@code messages}, ending with the opening of the assistant's reply when
     * {@code addGenerationPrompt} is true; without it, the conversation's turns only, which tells
     * where that opening begins.
     *
     * @throws ChatTemplateException if the template fails, raises an error or exceeds a limit
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        Objects.requireNonNull(messages, "messages");
        List<Map<String, Object>> values = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            values.add(Map.of("role", message.role(), "content", message.content()));
        }
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("messages", values);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        bindings.put("bos_token", bosToken);
        bindings.put("eos_token", eosToken);
        bindings.put("enable_thinking", false);
        bindings.put(TemplateFunctions.NOW, clock.instant().atZone(ZoneOffset.UTC));
        long deadline = clock.millis() + limits.timeLimit().toMillis();
        RenderResult result;
        try {
            result = jinjava.renderForResult(source, bindings, config(deadline));
        } catch (ChatTemplateException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new ChatTemplateException("the chat template failed: " + describe(e), e);
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ChatTemplateException(fatal(error));
            }
        }
        return result.getOutput();
    }

    private JinjavaConfig config(@Nullable Long deadline) {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods(limits.maxOutputChars()));
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig.Builder builder = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                // message text is a value: it must never be read as a template again
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(limits.maxOutputChars())
                .withMaxStringLength(limits.maxOutputChars())
                .withMaxListSize(limits.maxIterations())
                .withMaxMapSize(limits.maxIterations())
                .withRangeLimit(limits.maxIterations())
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withElResolver(resolver);
        if (deadline != null) {
            // called before every node is rendered: the one place a long loop can be stopped
            builder.withNodePreProcessor((node, interpreter) -> {
                if (clock.millis() > deadline) {
                    throw new ChatTemplateException("the chat template ran longer than " + seconds(limits.timeLimit()));
                }
            });
        }
        return builder.build();
    }

    private static String fatal(TemplateError error) {
        String message = String.valueOf(error.getMessage());
        Throwable cause = error.getException();
        while (cause != null) {
            if (cause instanceof ChatTemplateException raised) {
                return raised.getMessage();
            }
            cause = cause.getCause();
        }
        // errors thrown from a function or the node check arrive as text only
        int raised = message.indexOf("the chat template ");
        if (raised >= 0) {
            return message.substring(raised);
        }
        int limit = message.indexOf("strings have no method");
        if (limit >= 0) {
            return "the chat template failed: " + message.substring(limit);
        }
        return "the chat template failed at line " + error.getLineno() + ": " + message;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ChatTemplateException raised) {
                return raised.getMessage();
            }
            cause = cause.getCause();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
