package dev.parley.core.command;

import java.util.Map;

/**
 * What {@code /help} answers: a short overview, one line per command, and with
 * {@code /help <command>} the full usage of that command.
 */
final class HelpTopics {

    static final String OVERVIEW = """
            Commands:
              /help [command]    this list, or one command in full
              /reset             forget this conversation
              /stop              stop your question here (waiting or being answered)
              /bot ...           the persona, reply mode and stored history of this channel
              /ratelimit ...     the rate limits here
              /usage             your use today and this month, and what is left
            Admins:
              /moderation ...    the moderation policy here, and of one channel
              /audit recent      the latest audit entries here
              /quota ...         budgets per day and month; /usage server for totals
            /help <command> for details, such as /help moderation.""";

    static final String MODERATION = """
            /moderation (admins):
              /moderation show                   the moderation policy here
              /moderation category <category> <off|flag|block> [threshold 0-1]
              /moderation terms <list|add|remove> [block|allow] <term>
              /moderation direction <input|output|both|none>
                                                 moderate prompts, replies, both or none
              /moderation failure <open|closed>  let texts through or block them when a provider fails
              /moderation exempt-role <add|remove|list> <role>
                                                 roles whose prompts are not moderated
              /moderation audit-channel <channel-id|off>
                                                 report every block here to that channel
              /moderation excerpt <none|redacted>
                                                 audit blocked texts as a hash, or with a masked excerpt
              /moderation test <text>            the verdict on a text, without posting it
            For this channel only, on top of the rest of the policy:
              /moderation channel show           this channel's own moderation
              /moderation channel category <category> <off|flag|block> [threshold 0-1]
              /moderation channel terms <list|add|remove> [block|allow] <term>
              /moderation channel direction <input|output|both|none>
              /moderation channel clear          drop this channel's own moderation""";

    static final String BOT = """
            /bot:
              /bot persona                       the persona answering here, and the others
              /bot persona <name>                let another persona answer in this channel (admins)
              /bot channel                       when I answer in this channel
              /bot channel <auto-reply|mention-only|off>
                                                 answer every message here, only mentions, or only commands (admins)
              /bot history                       whether conversations here are stored across restarts
              /bot history <on|off>              store conversations here across restarts, or stop and delete them (admins)""";

    static final String RATE_LIMIT = """
            /ratelimit:
              /ratelimit show                    the rate limits here
              /ratelimit set <user|channel|server> <per-minute|default> [burst]
                                                 change a limit here, or back to the default (admins)""";

    static final String AUDIT = """
            /audit (admins):
              /audit recent [count]              the latest audit entries here (10, at most 25)""";

    static final String QUOTA = """
            /quota (admins):
              /quota show                        the overrides and configured budgets here
              /quota set <user|role|channel|server> <id-or-mention> <messages|tokens> <per-day|per-month> <n|unlimited>
                                                 e.g. /quota set user @bob messages per-day 20, /quota set server tokens per-month 500000
                                                 (channel: an id or "here"; server: no id; user "everyone": every user without their own)
              /quota clear <user|role|channel|server> <id-or-mention> [messages|tokens] [per-day|per-month]
              /quota timezone [zone]             when days and months start here, e.g. /quota timezone Europe/Lisbon""";

    static final String USAGE = """
            /usage:
              /usage                             your use here today and this month, what is left and when it renews
              /usage server                      totals and top users of this server (admins)""";

    private static final int MAX_ECHOED = 32;

    private static final Map<String, String> DETAILS = Map.of(
            "help", OVERVIEW,
            "start", OVERVIEW,
            "reset", "/reset: forget this conversation; the next message starts afresh.",
            "stop", "/stop: stop your question here, whether it is waiting or being answered.",
            "bot", BOT,
            "ratelimit", RATE_LIMIT,
            "moderation", MODERATION,
            "audit", AUDIT,
            "quota", QUOTA,
            "usage", USAGE);

    private HelpTopics() {}

    /** The answer to {@code /help} with {@code topic} as its first word ("" for none, "/bot" as "bot"). */
    static String answer(String topic) {
        String name = topic.startsWith("/") ? topic.substring(1) : topic;
        if (name.isEmpty()) {
            return OVERVIEW;
        }
        String details = DETAILS.get(name);
        if (details != null) {
            return details;
        }
        // the typed word is echoed only when it is short enough to be a command name
        return (Characters.count(name) <= MAX_ECHOED ? "There is no command /" + name + "." : "There is no such command.")
                + "\n" + OVERVIEW;
    }
}
