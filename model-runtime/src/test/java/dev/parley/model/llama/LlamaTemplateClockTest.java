package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's chat template reads dates from the clock it was loaded with: the application's one time source (#17). */
class LlamaTemplateClockTest {

    private static final String DATED_TEMPLATE =
            "[{{ strftime_now('%d %b %Y') }}]{% for m in messages %}[[{{ m.role }}: {{ m.content }}]]{% endfor %}";

    @TempDir
    Path dir;

    @Test
    void load_withAClock_rendersTheTemplatesDateFromIt() throws IOException {
        Path file = dir.resolve("dated.gguf");
        TinyLlamaModel.builder().chatTemplate(DATED_TEMPLATE).build().writeTo(file);
        InstantSource leapDay = InstantSource.fixed(Instant.parse("2028-02-29T12:00:00Z"));

        try (LlamaChatModel model = LlamaChatModel.load(new LlamaSettings(file, 1, 256, 1, 0), leapDay)) {
            String prompt = model.renderPrompt(
                    new ChatRequest(List.of(ChatTurn.user("hello")), new GenerationSettings(4, 0f, 1)));

            assertThat(prompt).startsWith("[29 Feb 2028]").endsWith("[[user: hello]]");
        }
    }
}
