package dev.parley.discord;

import dev.parley.core.moderation.Category;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import org.jspecify.annotations.Nullable;

/**
 * Parley's slash-commands as Discord shows them, and their translation into the command lines the
 * core understands ({@code /moderation category hate block 0.5},
 * {@code /moderation channel terms add block pineapple}). Discord's
 * {@code default_member_permissions} only hides admin commands from most members; the core checks
 * the author's permission again on every call.
 */
final class SlashCommands {

    /** The commands {@code /help <command>} explains in full; the core answers each. */
    private static final String[] HELP_TOPICS = {"moderation", "ratelimit", "bot", "persona", "audit", "strikes", "quota",
            "usage", "review", "reset", "stop", "export", "forget"};

    private final List<SlashCommandData> definitions;
    /**
     * Full command name ("moderation category", "moderation channel terms") to its options in the
     * order the core reads them.
     */
    private final Map<String, List<String>> optionOrder;

    SlashCommands() {
        this.definitions = List.of(moderation(), rateLimit(), bot(), persona(), audit(), strikes(), quota(), usage(), review(),
                Commands.slash("reset", "Forget your conversation here"),
                Commands.slash("stop", "Stop your question here, waiting or being answered"),
                Commands.slash("export", "What is stored about you here, sent to you as a direct message"),
                Commands.slash("forget", "Delete what is stored about you here").addSubcommands(
                        new SubcommandData("me", "Delete your stored data here; asks first, then run it with confirm")
                                .addOptions(choices("confirm", "Go ahead: it cannot be undone", false, "confirm"))),
                Commands.slash("help", "What Parley can do and its commands")
                        .addOptions(choices("command", "The command to explain in full", false, HELP_TOPICS)));
        this.optionOrder = definitions.stream().flatMap(SlashCommands::optionOrder)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Each way to invoke {@code command} ("moderation channel terms") with its options in order. */
    private static Stream<Map.Entry<String, List<String>>> optionOrder(SlashCommandData command) {
        if (command.getSubcommands().isEmpty() && command.getSubcommandGroups().isEmpty()) {
            return Stream.of(Map.entry(command.getName(), names(command.getOptions())));
        }
        Stream<Map.Entry<String, List<String>>> plain = command.getSubcommands().stream()
                .map(sub -> Map.entry(command.getName() + " " + sub.getName(), names(sub.getOptions())));
        Stream<Map.Entry<String, List<String>>> grouped = command.getSubcommandGroups().stream()
                .flatMap(group -> group.getSubcommands().stream().map(sub -> Map.entry(
                        command.getName() + " " + group.getName() + " " + sub.getName(), names(sub.getOptions()))));
        return Stream.concat(plain, grouped);
    }

    /** What to register with Discord (a bulk overwrite, so registering again changes nothing). */
    List<SlashCommandData> definitions() {
        return definitions;
    }

    /**
     * The command line for an invocation: its full name, then its options in the order the core
     * reads them; a role or channel as its id.
     *
     * @param fullName the command, subcommand group and subcommand, as {@code "moderation category"}
     *     or {@code "moderation channel category"}
     * @param option the value the user gave for an option name, or null
     */
    String commandLine(String fullName, Function<String, @Nullable OptionMapping> option) {
        StringBuilder line = new StringBuilder("/").append(fullName);
        for (String name : optionOrder.getOrDefault(fullName, List.of())) {
            OptionMapping value = option.apply(name);
            if (value != null) {
                line.append(' ').append(switch (value.getType()) {
                    case ROLE, CHANNEL, USER, MENTIONABLE -> value.getAsString();
                    case NUMBER -> String.format(Locale.ROOT, "%s", value.getAsDouble());
                    default -> value.getAsString().strip();
                });
            }
        }
        return line.toString();
    }

    private static SlashCommandData moderation() {
        return Commands.slash("moderation", "Moderation of prompts and replies in this server")
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        new SubcommandData("show", "The moderation policy here"),
                        category("Off, flag or block a category, with a threshold"),
                        terms("List, add or remove blocked or allowed terms"),
                        direction("Moderate prompts, replies, both or none"),
                        new SubcommandData("exempt-role", "Roles whose prompts are not moderated")
                                .addOptions(choices("operation", "What to do", true, "list", "add", "remove"),
                                        new OptionData(OptionType.ROLE, "role", "The role")),
                        new SubcommandData("audit-channel", "Where blocks are reported; no channel turns it off")
                                .addOptions(new OptionData(OptionType.CHANNEL, "channel", "The channel")),
                        new SubcommandData("excerpt", "Whether block reports carry a redacted excerpt")
                                .addOptions(choices("mode", "Excerpt or hash only", true, "none", "redacted")),
                        new SubcommandData("test", "The verdict on a text, without posting it")
                                .addOptions(new OptionData(OptionType.STRING, "text", "The text to judge", true)),
                        new SubcommandData("failure", "Let texts through or block them when a provider fails")
                                .addOptions(choices("mode", "Fail open or closed", true, "open", "closed")))
                // the same category, terms and direction, kept for the channel they are typed in
                .addSubcommandGroups(new SubcommandGroupData("channel", "Moderation of this channel only")
                        .addSubcommands(
                                new SubcommandData("show", "This channel's own moderation"),
                                category("Off, flag or block a category in this channel only"),
                                terms("Blocked or allowed terms of this channel only"),
                                direction("Moderate prompts, replies, both or none in this channel"),
                                new SubcommandData("clear", "Drop this channel's own moderation")));
    }

    private static SubcommandData category(String description) {
        OptionData category = new OptionData(OptionType.STRING, "category", "The moderation category", true);
        for (Category c : Category.values()) {
            category.addChoice(c.apiName(), c.apiName());
        }
        return new SubcommandData("category", description)
                .addOptions(category,
                        choices("action", "What to do", true, "off", "flag", "block"),
                        new OptionData(OptionType.NUMBER, "threshold", "Score from 0 to 1").setRequiredRange(0.0, 1.0));
    }

    private static SubcommandData terms(String description) {
        return new SubcommandData("terms", description)
                .addOptions(choices("operation", "What to do", true, "list", "add", "remove"),
                        choices("list", "Which list", false, "block", "allow"),
                        new OptionData(OptionType.STRING, "term", "The word or phrase"));
    }

    private static SubcommandData direction(String description) {
        return new SubcommandData("direction", description)
                .addOptions(choices("direction", "Which way", true, "input", "output", "both", "none"));
    }

    private static SlashCommandData rateLimit() {
        return Commands.slash("ratelimit", "Rate limits here")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(new SubcommandData("show", "The rate limits here"),
                        new SubcommandData("set", "Change a rate limit (admins)")
                                .addOptions(choices("level", "Whose limit", true, "user", "channel", "server"),
                                        new OptionData(OptionType.STRING, "per-minute",
                                                "Messages per minute, or 'default'", true),
                                        new OptionData(OptionType.INTEGER, "burst", "Messages at once")
                                                .setRequiredRange(1, 1000)));
    }

    private static SlashCommandData bot() {
        return Commands.slash("bot", "How the bot behaves in this channel")
                .addSubcommands(new SubcommandData("channel", "Answer every message, only mentions, or nothing here")
                                .addOptions(choices("mode", "Reply mode", false, "auto-reply", "mention-only", "off")),
                        new SubcommandData("persona", "The persona answering here, or pick another (admins)")
                                .addOptions(new OptionData(OptionType.STRING, "name", "Persona name")),
                        new SubcommandData("history", "Whether conversations here are stored across restarts;"
                                + " on or off (admins)")
                                .addOptions(choices("mode", "Store, or stop and delete", false, "on", "off", "show")),
                        new SubcommandData("feedback", "Whether answers and 👍/👎 here are recorded; on or off (admins)")
                                .addOptions(choices("mode", "Record, stop, or keep yours out", false, "show", "on", "off",
                                        "optout", "optin")),
                        accessEntry("block", "Keep a user, role or channel away from the bot here (admins)", true),
                        accessEntry("allow", "Let a user, role or channel through a broader block (admins)", true),
                        accessEntry("unblock", "Drop a block or allow entry (admins)", false),
                        new SubcommandData("blocked", "Who is blocked or allowed here (admins)"),
                        new SubcommandData("mute", "Mute a user from the bot here for a time (admins)")
                                .addOptions(new OptionData(OptionType.USER, "user", "Who", true),
                                        new OptionData(OptionType.STRING, "duration", "How long: 30m, 2h, 1d", true),
                                        new OptionData(OptionType.STRING, "reason", "Why, shown to them")),
                        new SubcommandData("unmute", "Lift a user's mute here (admins)")
                                .addOptions(new OptionData(OptionType.USER, "user", "Who", true)));
    }

    /** {@code /bot block|allow|unblock <user|role|channel> <id-or-mention> [reason]}. */
    private static SubcommandData accessEntry(String name, String description, boolean withReason) {
        SubcommandData sub = new SubcommandData(name, description).addOptions(
                choices("kind", "What the entry names", true, "user", "role", "channel"),
                new OptionData(OptionType.STRING, "target", "Its id or mention", true));
        return withReason ? sub.addOptions(new OptionData(OptionType.STRING, "reason", "Why, shown to them")) : sub;
    }

    private static SlashCommandData strikes() {
        return Commands.slash("strikes", "Strikes for blocked prompts, and when they mute (admins)")
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(new SubcommandData("show", "A user's strikes and mute")
                                .addOptions(new OptionData(OptionType.USER, "user", "Who", true)),
                        new SubcommandData("clear", "Forget a user's strikes and lift their mute")
                                .addOptions(new OptionData(OptionType.USER, "user", "Who", true)),
                        new SubcommandData("policy", "Show, or set when strikes mute: 3 24h 1h, or off")
                                .addOptions(new OptionData(OptionType.STRING, "count", "Strikes that mute, or off"),
                                        new OptionData(OptionType.STRING, "window", "Within: 24h"),
                                        new OptionData(OptionType.STRING, "mute", "Mute for: 1h")));
    }

    private static SlashCommandData persona() {
        return Commands.slash("persona", "The personas here; admins pick one and make their own")
                .addSubcommands(new SubcommandData("list", "The personas here, built-in and this server's own"),
                        new SubcommandData("show", "One persona's settings and system prompt").addOptions(personaName()),
                        new SubcommandData("use", "Let a persona answer in this channel (admins)").addOptions(personaName()),
                        new SubcommandData("create", "A persona of this server's own (admins)").addOptions(personaName(),
                                new OptionData(OptionType.STRING, "prompt", "Its system prompt", true)),
                        new SubcommandData("edit", "Change a persona of this server's own (admins)").addOptions(
                                personaName(),
                                choices("field", "What to change", true, "prompt", "temperature", "max-tokens", "lora"),
                                new OptionData(OptionType.STRING, "value",
                                        "The new value; for lora: <adapter> <scale|default>", true)),
                        new SubcommandData("delete", "Delete a persona of this server's own (admins)")
                                .addOptions(personaName()));
    }

    private static OptionData personaName() {
        return new OptionData(OptionType.STRING, "name", "Persona name: a-z, 0-9 and '-'", true).setMaxLength(32);
    }

    private static SlashCommandData audit() {
        return Commands.slash("audit", "The audit log of this server")
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(new SubcommandData("recent", "The latest entries")
                        .addOptions(new OptionData(OptionType.INTEGER, "count", "How many").setRequiredRange(1, 25)));
    }

    private static SlashCommandData quota() {
        return Commands.slash("quota", "Budgets per day and per month here")
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(new SubcommandData("show", "The budgets and overrides here"),
                        new SubcommandData("set", "Override a budget")
                                .addOptions(quotaTarget(),
                                        quotaWho(),
                                        choices("unit", "What it counts", true, "messages", "tokens"),
                                        choices("period", "Over how long", true, "per-day", "per-month"),
                                        new OptionData(OptionType.STRING, "amount", "A whole number, or 'unlimited'",
                                                true)),
                        new SubcommandData("clear", "Back to the configured budget")
                                .addOptions(quotaTarget(), quotaWho(),
                                        choices("unit", "Only this unit", false, "messages", "tokens"),
                                        choices("period", "Only this period", false, "per-day", "per-month")),
                        new SubcommandData("timezone", "When days and months start here")
                                .addOptions(new OptionData(OptionType.STRING, "zone", "Such as UTC or Europe/Lisbon")));
    }

    private static OptionData quotaTarget() {
        return choices("target", "Whose budget", true, "user", "role", "channel", "server");
    }

    private static OptionData quotaWho() {
        return new OptionData(OptionType.STRING, "who",
                "An id or mention; 'here' for this channel or server, 'everyone' for every user", true);
    }

    private static SlashCommandData usage() {
        return Commands.slash("usage", "Use of the bot today and this month")
                .addSubcommands(new SubcommandData("me", "Your use, what is left and when it renews"),
                        new SubcommandData("server", "This server's totals and top users (admins)"));
    }

    private static SlashCommandData review() {
        OptionData id = new OptionData(OptionType.STRING, "id", "The review item's id, as /review list shows it", true)
                .setMaxLength(16);
        return Commands.slash("review", "Blocks reported to the audit channel, each resolved once (admins)")
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(new SubcommandData("list", "The items waiting for an admin"),
                        new SubcommandData("show", "One item").addOptions(id),
                        new SubcommandData("resolve", "Resolve an item: false positive, confirm, warn, mute or ban")
                                .addOptions(id, choices("action", "What you decide", true, "false-positive", "confirm",
                                        "warn", "mute", "ban"), new OptionData(OptionType.STRING, "argument",
                                        "false-positive: a term to allow; mute: for how long, e.g. 2h")),
                        new SubcommandData("export", "Resolved items as JSON lines for retraining")
                                .addOptions(new OptionData(OptionType.INTEGER, "count", "How many")
                                        .setRequiredRange(1, 50)));
    }

    private static OptionData choices(String name, String description, boolean required, String... values) {
        OptionData option = new OptionData(OptionType.STRING, name, description, required);
        Arrays.stream(values).forEach(value -> option.addChoice(value, value));
        return option;
    }

    private static List<String> names(List<OptionData> options) {
        List<String> names = new ArrayList<>(options.size());
        options.forEach(option -> names.add(option.getName()));
        return List.copyOf(names);
    }
}
