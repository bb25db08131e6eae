package dev.parley.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ExportJsonTest {

    private static final DataSubject SUBJECT = new DataSubject(new ScopeKey(Platform.TELEGRAM, "-100/7"), "42");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void write_escapesTextAndKeepsNumbersBooleansAndNulls() {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("user_text", "say \"hi\"\n\\ \u0001 ok");
        row.put("messages", 3L);
        row.put("first", true);
        row.put("thread", null);
        String json = new String(ExportJson.write(new PersonalDataExport(SUBJECT, AT,
                List.of(new ExportSection("conversation", List.of(row)), new ExportSection("usage", List.of())),
                List.of("feedback"))), StandardCharsets.UTF_8);

        assertThat(json).contains("\"user\": \"42\"", "\"exported_at\": \"2026-12-06T10:00:00Z\"",
                "\"incomplete\": [\"feedback\"]",
                "{\"user_text\": \"say \\\"hi\\\"\\n\\\\ \\u0001 ok\", \"messages\": 3, \"first\": true, \"thread\": null}",
                "\"usage\": []");
        assertThat(json.strip()).startsWith("{").endsWith("}");
    }

    @Test
    void fileName_namesPlatformAndScopeWithOnlySafeCharacters() {
        assertThat(ExportJson.fileName(SUBJECT)).isEqualTo("parley-export-telegram--100_7.json");
    }

    @Test
    void exportSection_refusesValuesJsonCannotHoldAsIs() {
        assertThatThrownBy(() -> new ExportSection("x", List.of(Map.of("at", AT))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
