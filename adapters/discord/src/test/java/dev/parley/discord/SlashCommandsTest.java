package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.command.CommandLine;
import gnu.trove.map.hash.TLongObjectHashMap;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {

    private final SlashCommands commands = new SlashCommands();

    @Test
    void definitions_coverTheAdminAndUserCommands() {
        assertThat(commands.definitions()).extracting(SlashCommandData::getName)
                .containsExactly("moderation", "ratelimit", "bot", "audit", "reset", "stop", "help");
    }

    @Test
    void commandLine_putsOptionsInTheOrderTheCoreReadsThemWhateverOrderTheyCameIn() {
        Map<String, OptionMapping> given = Map.of(
                "term", option("term", 3, "pine apple"),
                "operation", option("operation", 3, "add"),
                "list", option("list", 3, "block"));

        String line = commands.commandLine("moderation terms", given::get);

        assertThat(line).isEqualTo("/moderation terms add block pine apple");
        CommandLine parsed = CommandLine.parse(line);
        assertThat(parsed.word(1)).isEqualTo("add");
        assertThat(parsed.restAfter(3)).isEqualTo("pine apple");
    }

    @Test
    void commandLine_writesNumbersPlainlyAndLeavesOutOptionsNotGiven() {
        Map<String, OptionMapping> given = Map.of(
                "category", option("category", 3, "self-harm/intent"),
                "action", option("action", 3, "block"),
                "threshold", option("threshold", 10, 0.25));

        assertThat(commands.commandLine("moderation category", given::get))
                .isEqualTo("/moderation category self-harm/intent block 0.25");
        assertThat(commands.commandLine("moderation show", name -> null)).isEqualTo("/moderation show");
        assertThat(commands.commandLine("reset", name -> null)).isEqualTo("/reset");
    }

    @Test
    void commandLine_aRoleIsGivenByItsId() {
        Map<String, OptionMapping> given = Map.of(
                "operation", option("operation", 3, "add"),
                "role", option("role", 8, "123456789012345678"));

        assertThat(commands.commandLine("moderation exempt-role", given::get))
                .isEqualTo("/moderation exempt-role add 123456789012345678");
    }

    @Test
    void botHistory_offersOnOffAndShowAndBecomesTheCoresCommandLine() {
        SlashCommandData bot = commands.definitions().stream().filter(c -> c.getName().equals("bot")).findFirst()
                .orElseThrow();
        var history = bot.getSubcommands().stream().filter(sub -> sub.getName().equals("history")).findFirst()
                .orElseThrow();

        assertThat(history.getOptions()).singleElement().satisfies(mode -> {
            assertThat(mode.getName()).isEqualTo("mode");
            assertThat(mode.isRequired()).isFalse();
            assertThat(mode.getChoices()).extracting(choice -> choice.getAsString()).containsExactly("on", "off", "show");
        });
        assertThat(commands.commandLine("bot history", Map.of("mode", option("mode", 3, "off"))::get))
                .isEqualTo("/bot history off");
        assertThat(commands.commandLine("bot history", name -> null)).isEqualTo("/bot history");
    }

    private static OptionMapping option(String name, int type, Object value) {
        DataObject data = DataObject.empty().put("name", name).put("type", type).put("value", value);
        return new OptionMapping(data, new TLongObjectHashMap<>(), null, null);
    }
}
