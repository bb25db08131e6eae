package dev.parley.testkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void parse_readsNestedObjectsArraysNumbersAndEscapes() {
        Object value = Json.parse(
                "{\"a\":[1,-2.5,true,null,\"x\\\"y\\u00e9\\n\"],\"b\":{},\"big\":18446744073709551615}");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat((List<Object>) map.get("a")).containsExactly(1L, -2.5, true, null, "x\"yé\n");
        assertThat(map.get("b")).isEqualTo(Map.of());
        assertThat(map.get("big")).isEqualTo(new java.math.BigInteger("18446744073709551615"));
    }

    @Test
    void write_thenParse_givesTheSameValue() {
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("text", "line\n\"quoted\"\t\u0001");
        original.put("list", Arrays.asList(1L, 2.5, false, null));
        original.put("nested", Map.of("k", "v"));

        assertThat(Json.parse(Json.write(original))).isEqualTo(original);
    }

    @Test
    void parse_rejectsMalformedInput() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("[1,]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{} x")).isInstanceOf(IllegalArgumentException.class);
    }
}
