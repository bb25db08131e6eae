package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.command.CommandLine;
import gnu.trove.map.hash.TLongObjectHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {

    private final SlashCommands commands = new SlashCommands();

    @Test
    void definitions_coverTheAdminAndUserCommands() {
        assertThat(commands.definitions()).extracting(SlashCommandData::getName)
                .containsExactly("moderation", "ratelimit", "bot", "persona", "audit", "strikes", "quota", "usage", "review", "reset", "stop",
                        "export", "forget", "help");
    }

    @Test
    void commandLine_personaCreateAndEdit_readAsTheCoreParsesThem() {
        Map<String, OptionMapping> create = Map.of(
                "prompt", option("prompt", 3, "You are a pirate. Say arr."),
                "name", option("name", 3, "pirate"));
        Map<String, OptionMapping> edit = Map.of(
                "value", option("value", 3, "pirate-lora 0.5"),
                "field", option("field", 3, "lora"),
                "name", option("name", 3, "pirate"));

        CommandLine created = CommandLine.parse(commands.commandLine("persona create", create::get));
        CommandLine edited = CommandLine.parse(commands.commandLine("persona edit", edit::get));

        assertThat(created.word(1)).isEqualTo("pirate");
        assertThat(created.restAfter(2)).isEqualTo("You are a pirate. Say arr.");
        assertThat(edited.raw()).isEqualTo("/persona edit pirate lora pirate-lora 0.5");
    }

    @Test
    void quotaSet_becomesTheCoresCommandLineWithTheMentionAsAnId() {
        Map<String, OptionMapping> given = Map.of(
                "amount", option("amount", 3, "20"),
                "period", option("period", 3, "per-day"),
                "who", option("who", 3, "<@123456789012345678>"),
                "unit", option("unit", 3, "messages"),
                "target", option("target", 3, "user"));

        assertThat(commands.commandLine("quota set", given::get))
                .isEqualTo("/quota set user <@123456789012345678> messages per-day 20");
        assertThat(commands.commandLine("usage me", name -> null)).isEqualTo("/usage me");
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

    @Test
    void accessCommands_becomeTheCoresCommandLinesWithIdsAndTheReasonLast() {
        Map<String, OptionMapping> block = Map.of(
                "kind", option("kind", 3, "role"),
                "target", option("target", 3, "<@&123456789012345678>"),
                "reason", option("reason", 3, "new accounts spam"));
        assertThat(commands.commandLine("bot block", block::get))
                .isEqualTo("/bot block role <@&123456789012345678> new accounts spam");
        assertThat(commands.commandLine("bot mute", Map.of("user", option("user", 6, "42"),
                "duration", option("duration", 3, "2h"))::get)).isEqualTo("/bot mute 42 2h");
        assertThat(commands.commandLine("strikes policy", Map.of("count", option("count", 3, "3"),
                "window", option("window", 3, "24h"), "mute", option("mute", 3, "1h"))::get))
                .isEqualTo("/strikes policy 3 24h 1h");
        assertThat(commands.commandLine("strikes show", Map.of("user", option("user", 6, "42"))::get))
                .isEqualTo("/strikes show 42");
    }

    @Test
    void moderation_hasAChannelGroupWhoseSubcommandsTakeTheSameOptionsAsTheServerWideOnes() {
        SlashCommandData moderation = definition("moderation");

        assertThat(moderation.getSubcommandGroups()).singleElement().satisfies(group -> {
            assertThat(group.getName()).isEqualTo("channel");
            assertThat(group.getSubcommands()).extracting(SubcommandData::getName)
                    .containsExactly("show", "category", "terms", "direction", "clear");
            for (String name : List.of("category", "terms", "direction")) {
                assertThat(shape(subcommand(group.getSubcommands(), name).getOptions()))
                        .as("options of /moderation channel %s", name)
                        .isEqualTo(shape(subcommand(moderation.getSubcommands(), name).getOptions()))
                        .isNotEmpty();
            }
            assertThat(subcommand(group.getSubcommands(), "show").getOptions()).isEmpty();
            assertThat(subcommand(group.getSubcommands(), "clear").getOptions()).isEmpty();
        });
        // the server-wide subcommands are all still there beside the group
        assertThat(moderation.getSubcommands()).extracting(SubcommandData::getName).containsExactly("show", "category",
                "terms", "direction", "exempt-role", "audit-channel", "excerpt", "test", "failure");
    }

    @Test
    void channelSubcommands_becomeTheCoresChannelCommandLines() {
        Map<String, OptionMapping> category = Map.of(
                "threshold", option("threshold", 10, 0.4),
                "category", option("category", 3, "hate"),
                "action", option("action", 3, "block"));
        Map<String, OptionMapping> terms = Map.of(
                "term", option("term", 3, " pine apple "),
                "list", option("list", 3, "allow"),
                "operation", option("operation", 3, "remove"));

        assertThat(commands.commandLine("moderation channel show", name -> null)).isEqualTo("/moderation channel show");
        assertThat(commands.commandLine("moderation channel category", category::get))
                .isEqualTo("/moderation channel category hate block 0.4");
        assertThat(commands.commandLine("moderation channel terms", terms::get))
                .isEqualTo("/moderation channel terms remove allow pine apple");
        assertThat(commands.commandLine("moderation channel terms", Map.of("operation", option("operation", 3, "list"))::get))
                .isEqualTo("/moderation channel terms list");
        assertThat(commands.commandLine("moderation channel direction",
                Map.of("direction", option("direction", 3, "output"))::get))
                .isEqualTo("/moderation channel direction output");
        assertThat(commands.commandLine("moderation channel clear", name -> null)).isEqualTo("/moderation channel clear");

        CommandLine parsed = CommandLine.parse(commands.commandLine("moderation channel terms", terms::get));
        assertThat(parsed.name()).isEqualTo("moderation");
        assertThat(parsed.word(0)).isEqualTo("channel");
        assertThat(parsed.restAfter(4)).isEqualTo("pine apple");
    }

    @Test
    void reviewResolve_becomesTheCoresCommandLineWithItsArgumentLast() {
        Map<String, OptionMapping> given = Map.of("id", option("id", 3, "k3x9q2"), "action", option("action", 3, "mute"),
                "argument", option("argument", 3, "2h"));

        assertThat(commands.commandLine("review resolve", given::get)).isEqualTo("/review resolve k3x9q2 mute 2h");
        assertThat(commands.commandLine("review list", name -> null)).isEqualTo("/review list");
    }

    @Test
    void forgetMe_withAndWithoutConfirm_readsAsTheCoreParsesIt() {
        assertThat(commands.commandLine("forget me", Map.<String, OptionMapping>of()::get)).isEqualTo("/forget me");
        assertThat(commands.commandLine("forget me", Map.of("confirm", option("confirm", 3, "confirm"))::get))
                .isEqualTo("/forget me confirm");
        assertThat(commands.commandLine("export", Map.<String, OptionMapping>of()::get)).isEqualTo("/export");
    }

    @Test
    void help_offersTheCommandsItExplainsAndPassesTheChoiceOn() {
        SlashCommandData help = definition("help");

        assertThat(help.getOptions()).singleElement().satisfies(command -> {
            assertThat(command.isRequired()).isFalse();
            assertThat(command.getChoices()).extracting(Command.Choice::getAsString)
                    .containsExactly("moderation", "ratelimit", "bot", "persona", "audit", "strikes", "quota", "usage", "review", "reset", "stop",
                            "export", "forget");
        });
        assertThat(commands.commandLine("help", Map.of("command", option("command", 3, "moderation"))::get))
                .isEqualTo("/help moderation");
        assertThat(commands.commandLine("help", name -> null)).isEqualTo("/help");
    }

    /** Discord's limits on a registered command; a command breaking one is refused with a 400. */
    @Test
    void everyDefinitionKeepsWithinDiscordsLimits() {
        Pattern name = Pattern.compile("^[-_\\p{Ll}\\p{N}]{1,32}$");
        for (SlashCommandData command : commands.definitions()) {
            DataObject payload = command.toData();
            assertThat(payload.getString("name")).matches(name);
            assertWithinLimits(payload, name, Level.COMMAND);
            assertThat(characters(payload)).as("combined characters of /%s", command.getName()).isLessThanOrEqualTo(4000);
        }
        DataArray moderationOptions = definition("moderation").toData().getArray("options");
        assertThat(moderationOptions.length()).isEqualTo(10);
        assertThat(moderationOptions.getObject(9).getInt("type")).as("the channel group").isEqualTo(2);
    }

    private enum Level { COMMAND, GROUP, SUBCOMMAND }

    private static final int SUBCOMMAND = 1;
    private static final int GROUP = 2;

    private static void assertWithinLimits(DataObject payload, Pattern name, Level level) {
        assertThat(payload.getString("description")).hasSizeBetween(1, 100);
        DataArray options = payload.optArray("options").orElseGet(DataArray::empty);
        assertThat(options.length()).isLessThanOrEqualTo(25);
        boolean optionalSeen = false;
        for (int i = 0; i < options.length(); i++) {
            DataObject option = options.getObject(i);
            assertThat(option.getString("name")).matches(name);
            DataArray choices = option.optArray("choices").orElseGet(DataArray::empty);
            assertThat(choices.length()).isLessThanOrEqualTo(25);
            int type = option.getInt("type");
            if (type == SUBCOMMAND || type == GROUP) {
                // a command holds groups and subcommands, a group only subcommands, a subcommand neither
                assertThat(level == Level.COMMAND || level == Level.GROUP && type == SUBCOMMAND)
                        .as("%s inside a %s", option.getString("name"), level).isTrue();
                assertWithinLimits(option, name, type == GROUP ? Level.GROUP : Level.SUBCOMMAND);
            } else {
                boolean required = option.getBoolean("required");
                assertThat(required && optionalSeen).as("required options come first").isFalse();
                optionalSeen |= !required;
                assertThat(option.getString("description")).hasSizeBetween(1, 100);
            }
        }
    }

    /** Names, descriptions and choice names and values, as Discord adds them up (at most 4,000). */
    private static int characters(DataObject payload) {
        int sum = payload.getString("name").length() + payload.getString("description", "").length();
        DataArray choices = payload.optArray("choices").orElseGet(DataArray::empty);
        for (int i = 0; i < choices.length(); i++) {
            sum += choices.getObject(i).getString("name").length() + choices.getObject(i).get("value").toString().length();
        }
        DataArray options = payload.optArray("options").orElseGet(DataArray::empty);
        for (int i = 0; i < options.length(); i++) {
            sum += characters(options.getObject(i));
        }
        return sum;
    }

    private SlashCommandData definition(String name) {
        return commands.definitions().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static SubcommandData subcommand(List<SubcommandData> subcommands, String name) {
        return subcommands.stream().filter(sub -> sub.getName().equals(name)).findFirst().orElseThrow();
    }

    /** What a user sees of each option: name, type, required, range and choices (not the description). */
    private static List<String> shape(List<OptionData> options) {
        return options.stream().map(o -> o.getName() + " " + o.getType() + " " + o.isRequired() + " "
                + o.getMinValue() + "-" + o.getMaxValue() + " "
                + o.getChoices().stream().map(Command.Choice::getAsString).toList()).toList();
    }

    private static OptionMapping option(String name, int type, Object value) {
        DataObject data = DataObject.empty().put("name", name).put("type", type).put("value", value);
        return new OptionMapping(data, new TLongObjectHashMap<>(), null, null);
    }
}
