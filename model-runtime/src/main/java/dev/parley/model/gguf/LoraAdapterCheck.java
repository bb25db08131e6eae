package dev.parley.model.gguf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks llama.cpp b4916 makes on a LoRA adapter against its base model, made in Java first. */
final class LoraAdapterCheck {

    private static final String A = ".lora_a";
    private static final String B = ".lora_b";
    // llama.cpp multiplies the LoRA tensors in f32 or f16 on the CPU; quantised ones it rejects for some ops
    private static final Set<Integer> TYPES = Set.of(0, 1, 30); // f32, f16, bf16

    private LoraAdapterCheck() {}

    static void check(GgufHeader adapter, GgufHeader base) {
        Object type = adapter.metadata().get("general.type");
        if (!"adapter".equals(type)) {
            throw invalid(adapter, "general.type is " + (type == null ? "missing" : "'" + type + "'")
                    + ", not 'adapter': this is not a LoRA adapter (a whole model?)");
        }
        Object adapterType = adapter.metadata().get("adapter.type");
        if (!"lora".equals(adapterType)) {
            throw invalid(adapter, "adapter.type is " + (adapterType == null ? "missing" : "'" + adapterType + "'")
                    + ", not 'lora'");
        }
        Object alpha = adapter.metadata().get("adapter.lora.alpha");
        if (alpha != null && !(alpha instanceof Double)) {
            throw invalid(adapter, "adapter.lora.alpha is not a float");
        }
        Map<String, TensorInfo> baseTensors = new HashMap<>();
        base.tensors().forEach(tensor -> baseTensors.put(tensor.name(), tensor));
        Map<String, TensorInfo> adapterTensors = new HashMap<>();
        adapter.tensors().forEach(tensor -> adapterTensors.put(tensor.name(), tensor));
        int pairs = 0;
        for (TensorInfo tensor : adapter.tensors()) {
            String name = tensor.name();
            if (!name.endsWith(A) && !name.endsWith(B)) {
                throw invalid(adapter, "tensor '" + name + "' is neither a .lora_a nor a .lora_b tensor");
            }
            if (!TYPES.contains(tensor.type())) {
                throw invalid(adapter, "tensor '" + name + "' has type " + tensor.type() + "; LoRA tensors must be f32, f16 or bf16");
            }
            if (name.endsWith(B)) {
                continue;
            }
            String weight = name.substring(0, name.length() - A.length());
            TensorInfo b = adapterTensors.get(weight + B);
            if (b == null) {
                throw invalid(adapter, "tensor '" + name + "' has no matching '" + weight + B + "'");
            }
            TensorInfo target = baseTensors.get(weight);
            if (target == null) {
                throw invalid(adapter, "it adapts '" + weight + "', which " + base.file().getFileName() + " does not have");
            }
            checkShapes(adapter, weight, tensor.dims(), b.dims(), target.dims());
            pairs++;
        }
        long bs = adapter.tensors().stream().filter(tensor -> tensor.name().endsWith(B)).count();
        if (bs != pairs) {
            throw invalid(adapter, "it has " + bs + " .lora_b tensors for " + pairs + " .lora_a tensors");
        }
        if (pairs == 0) {
            throw invalid(adapter, "it adapts no tensor");
        }
    }

    private static void checkShapes(GgufHeader adapter, String weight, List<Long> a, List<Long> b, List<Long> target) {
        if (a.size() != 2 || b.size() != 2 || target.size() != 2) {
            throw invalid(adapter, "'" + weight + "' and its LoRA tensors must be matrices");
        }
        if (!a.get(0).equals(target.get(0)) || !b.get(1).equals(target.get(1))) {
            throw invalid(adapter, "the LoRA tensors of '" + weight + "' have shapes " + a + " and " + b
                    + ", which do not fit its shape " + target + " in the model");
        }
        if (!a.get(1).equals(b.get(0))) {
            throw invalid(adapter, "'" + weight + A + "' " + a + " and '" + weight + B + "' " + b
                    + " disagree on the rank (lora_a must be [in, rank], lora_b [rank, out])");
        }
    }

    private static InvalidModelFileException invalid(GgufHeader adapter, String reason) {
        return new InvalidModelFileException(adapter.file(), "not a usable LoRA adapter: " + reason);
    }
}
