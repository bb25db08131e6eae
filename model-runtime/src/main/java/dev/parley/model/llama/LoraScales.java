package dev.parley.model.llama;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale of every loaded LoRA adapter for one request: the request's own where it names the
 * adapter, else the one the adapter was loaded with. Indexes follow the load order.
 *
 * <p>A request may name an adapter this model did not load: a persona made for the adapter of a
 * model that an operator has since swapped out. Its scale is ignored (warned once per name), so
 * the persona keeps working on the new model instead of failing every reply; the names a persona
 * may give are checked when it is configured or edited, against the adapters serving then.
 */
final class LoraScales {

    private static final Logger log = LoggerFactory.getLogger(LoraScales.class);

    private final List<LoraAdapter> adapters;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    LoraScales(List<LoraAdapter> adapters) {
        this.adapters = List.copyOf(adapters);
    }

    /** The scales for a request asking {@code requested}. */
    float[] scalesFor(Map<String, Float> requested) {
        List<String> names = adapters.stream().map(LoraAdapter::name).toList();
        for (String name : requested.keySet()) {
            if (!names.contains(name) && warned.add(name)) {
                log.warn("a request scales LoRA adapter '{}', which this model did not load (loaded: {}); ignored",
                        name, names.isEmpty() ? "none" : String.join(", ", names));
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
