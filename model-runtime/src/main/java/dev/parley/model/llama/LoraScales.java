package dev.parley.model.llama;

import de.kherud.llama.InferenceParameters;
import dev.parley.core.model.ModelException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Sets the LoRA adapter scales of one completion request. llama.cpp's server reads them from the
 * request's {@code "lora": [{"id": 0, "scale": 0.5}]} field, which de.kherud:llama 4.2.0 passes
 * through but has no setter for: the field is put into the binding's package-private parameter
 * map (reached with a private lookup; the binding is on the class path, not a module).
 *
 * <p>This is also how a scale other than 1 is applied at all, since the binding's
 * {@code addLoraScaledAdapter} produces arguments llama.cpp rejects (crash trigger 5).
 */
final class LoraScales {

    private static final @Nullable VarHandle PARAMETERS = parameterMap();

    private final List<LoraAdapter> adapters;

    LoraScales(List<LoraAdapter> adapters) {
        this.adapters = List.copyOf(adapters);
        if (!adapters.isEmpty() && PARAMETERS == null) {
            throw new ModelException("this version of de.kherud:llama gives no way to set LoRA scales; run without adapters");
        }
    }

    /**
     * Puts every adapter's scale into {@code parameters}: the request's own where it names the
     * adapter, else the one it was loaded with. Does nothing when no adapter is loaded.
     *
     * @throws ModelException if {@code requested} names an adapter that is not loaded
     */
    void apply(InferenceParameters parameters, Map<String, Float> requested) {
        Set<String> names = adapters.stream().map(LoraAdapter::name).collect(Collectors.toSet());
        for (String name : requested.keySet()) {
            if (!names.contains(name)) {
                throw new ModelException("no LoRA adapter named '" + name + "' is loaded"
                        + (names.isEmpty() ? "" : "; loaded: " + String.join(", ", names)));
            }
        }
        VarHandle handle = PARAMETERS;
        if (adapters.isEmpty() || handle == null) {
            return;
        }
        StringBuilder json = new StringBuilder("[");
        for (int id = 0; id < adapters.size(); id++) {
            LoraAdapter adapter = adapters.get(id);
            float scale = requested.getOrDefault(adapter.name(), adapter.scale());
            json.append(id == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"id\":%d,\"scale\":%s}", id, Float.toString(scale)));
        }
        @SuppressWarnings("unchecked")
        Map<String, String> map = (Map<String, String>) handle.get(parameters);
        map.put("lora", json.append(']').toString());
    }

    private static @Nullable VarHandle parameterMap() {
        try {
            Class<?> owner = InferenceParameters.class.getSuperclass();
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, "parameters", Map.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
