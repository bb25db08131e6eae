package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.gguf.TinyLlamaModel;
import org.junit.jupiter.api.Test;

class StopStringsTest {

    @Test
    void of_chatMlTemplate_stopsAtTurnMarkers() {
        assertThat(StopStrings.of(TinyLlamaModel.CHATML_TEMPLATE)).containsExactly("<|im_end|>", "<|im_start|>");
    }

    @Test
    void of_llama3Template_stopsAtEndOfTurn() {
        String template = "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] + '<|eot_id|>' }}";

        assertThat(StopStrings.of(template)).containsExactly("<|eot_id|>");
    }

    @Test
    void of_noTemplate_usesChatMlLikeLlamaCpp() {
        assertThat(StopStrings.of(null)).containsExactly("<|im_end|>", "<|im_start|>");
    }
}
