package dev.parley.testkit.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A slash command a test is about to invoke (INTERACTION_CREATE type 2), with an optional
 * subcommand (in an optional subcommand group) and typed options. The invoking member's roles and permissions come from its guild.
 * Obtain one from {@link FakeDiscordServer#slashCommand(long, FakeUser, String)}.
 */
public final class SlashCommandDraft {

    private final FakeDiscordServer server;
    final long channelId;
    final FakeUser user;
    final String name;
    @Nullable String subcommand;
    @Nullable String group;
    final List<Map<String, Object>> options = new ArrayList<>();
    final List<FakeUser> resolvedUsers = new ArrayList<>();
    final List<Long> resolvedChannels = new ArrayList<>();
    final List<Long> resolvedRoles = new ArrayList<>();

    SlashCommandDraft(FakeDiscordServer server, long channelId, FakeUser user, String name) {
        this.server = server;
        this.channelId = channelId;
        this.user = user;
        this.name = name;
    }

    public SlashCommandDraft subcommand(String subcommandName) {
        this.subcommand = subcommandName;
        return this;
    }

    /** The subcommand group ({@code channel} of {@code /moderation channel terms}); needs a subcommand. */
    public SlashCommandDraft group(String groupName) {
        this.group = groupName;
        return this;
    }

    /** A string option (type 3). */
    public SlashCommandDraft option(String optionName, String value) {
        return add(optionName, 3, value);
    }

    /** An integer option (type 4). */
    public SlashCommandDraft option(String optionName, long value) {
        return add(optionName, 4, value);
    }

    /** A boolean option (type 5). */
    public SlashCommandDraft option(String optionName, boolean value) {
        return add(optionName, 5, value);
    }

    /** A number option (type 10). */
    public SlashCommandDraft option(String optionName, double value) {
        return add(optionName, 10, value);
    }

    /** A user option (type 6); Discord resolves the user, and the member in a guild. */
    public SlashCommandDraft option(String optionName, FakeUser value) {
        resolvedUsers.add(value);
        return add(optionName, 6, Long.toUnsignedString(value.id()));
    }

    /** A channel option (type 7) naming a channel of the fake server. */
    public SlashCommandDraft channelOption(String optionName, long channelId) {
        resolvedChannels.add(channelId);
        return add(optionName, 7, Long.toUnsignedString(channelId));
    }

    /** A role option (type 8) naming a role of the guild the command is invoked in. */
    public SlashCommandDraft roleOption(String optionName, long roleId) {
        resolvedRoles.add(roleId);
        return add(optionName, 8, Long.toUnsignedString(roleId));
    }

    private SlashCommandDraft add(String optionName, int type, Object value) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("name", optionName);
        option.put("type", type);
        option.put("value", value);
        options.add(option);
        return this;
    }

    /** Dispatches INTERACTION_CREATE and returns the interaction, whose id callbacks name. */
    public FakeInteraction send() {
        return server.invoke(this);
    }
}
