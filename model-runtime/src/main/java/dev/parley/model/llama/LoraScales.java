package dev.parley.model.llama;

import dev.parley.core.model.ModelException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scale of every loaded LoRA adapter for one request: the request's own where it names the
 * adapter, else the one the adapter was loaded with. Indexes follow the load order.
 */
record LoraScales(List<LoraAdapter> adapters) {

    LoraScales {
        adapters = List.copyOf(adapters);
    }

    /**
     * The scales for a request asking {@code requested}.
     *
     * @throws ModelException if {@code requested} names an adapter that is not loaded
     */
    float[] scalesFor(Map<String, Float> requested) {
        List<String> names = adapters.stream().map(LoraAdapter::name).toList();
        for (String name : requested.keySet()) {
            if (!names.contains(name)) {
                throw new ModelException("no LoRA adapter named '" + name + "' is loaded"
                        + (names.isEmpty() ? "" : "; loaded: " + names.stream().collect(Collectors.joining(", "))));
            }
        }
        float[] scales = new float[adapters.size()];
        for (int i = 0; i < scales.length; i++) {
            LoraAdapter adapter = adapters.get(i);
            scales[i] = requested.getOrDefault(adapter.name(), adapter.scale());
        }
        return scales;
    }
}
