package dev.parley.telegram;

import dev.parley.core.model.ChatModel;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.queue.InferenceQueue;
import java.util.List;

/** A real core with nothing blocked and generous limits, for tests about the adapter's own life. */
final class PlainPipeline {

    private PlainPipeline() {}

    static ChatPipeline over(ChatModel model, InferenceQueue queue) {
        CoreParts core = new CoreParts(model, queue, List.of(), "blocked", "stopped");
        return core.pipeline(core.commands().build()).build();
    }
}
