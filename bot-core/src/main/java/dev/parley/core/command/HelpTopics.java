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
              /persona ...       the personas here: list, show; admins create, edit, use, delete
              /ratelimit ...     the rate limits here
              /usage             your use today and this month, and what is left
              /export            your stored data here, sent to you privately; /forget me deletes it
            Admins:
              /moderation ...    the moderation policy here, and of one channel
              /audit recent      the latest audit entries here; /review: reported blocks to resolve
              /strikes ...       strikes for blocked prompts, and when they mute
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
              /bot history <on|off>              store conversations here across restarts, or stop and delete them (admins)
              /bot feedback [show]               whether answers and 👍/👎 reactions here are recorded to improve the model
              /bot feedback <on|off>             record them here, or stop (admins; off by default)
              /bot feedback <optout|optin>       keep your own questions and reactions out of it (deletes what was kept), or undo
            Who may use the bot here (admins):
              /bot block <user|role|channel> <id-or-mention> [reason]
              /bot allow <user|role|channel> <id-or-mention> [reason]
                                                 let one user, role or channel through a broader block
              /bot unblock <user|role|channel> <id-or-mention>
              /bot blocked                       the block and allow list here
              /bot mute <user-id> <30m|2h|1d> [reason]
              /bot unmute <user-id>""";

    static final String PERSONA = """
            /persona:
              /persona list                      the personas here, built-in and this scope's own
              /persona show <name>               one persona: its settings and system prompt
            Admins:
              /persona use <name>                let this persona answer in this channel (as /bot persona <name>)
              /persona create <name> <system prompt>
                                                 a persona of this scope's own; name: a-z, 0-9, '-'
              /persona edit <name> <prompt|temperature|max-tokens|lora> <value>
                                                 e.g. temperature 0.3, max-tokens 200, lora <adapter> <scale|default>
              /persona delete <name>             channels that used it get the default persona
            System prompts are moderated as replies would be; built-in personas cannot be changed.""";

    static final String RATE_LIMIT = """
            /ratelimit:
              /ratelimit show                    the rate limits here
              /ratelimit set <user|channel|server> <per-minute|default> [burst]
                                                 change a limit here, or back to the default (admins)""";

    static final String AUDIT = """
            /audit (admins):
              /audit recent [count]              the latest audit entries here (10, at most 25)""";

    static final String STRIKES = """
            /strikes (admins): each prompt moderation blocks is a strike; enough of them mute the author
              /strikes show <user-id>            the user's strikes counting now, and their mute
              /strikes clear <user-id>           forget their strikes and lift their mute
              /strikes policy                    when strikes mute here (default: 3 within 24 h mute for 1 h)
              /strikes policy <count> <window> <mute>
                                                 e.g. /strikes policy 3 24h 1h
              /strikes policy off                count strikes but never mute""";

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

    static final String PRIVACY = """
            /export, /forget me:
              /export                            what is stored about you here, as a JSON file in your private chat with me
              /forget me                         delete what is stored about you here; asks first
              /forget me confirm                 go ahead (within a few minutes of /forget me); cannot be undone""";

    private static final int MAX_ECHOED = 32;

    private static final Map<String, String> DETAILS = Map.ofEntries(
            Map.entry("help", OVERVIEW),
            Map.entry("start", OVERVIEW),
            Map.entry("reset", "/reset: forget this conversation; the next message starts afresh."),
            Map.entry("stop", "/stop: stop your question here, whether it is waiting or being answered."),
            Map.entry("bot", BOT),
            Map.entry("persona", PERSONA),
            Map.entry("ratelimit", RATE_LIMIT),
            Map.entry("moderation", MODERATION),
            Map.entry("audit", AUDIT),
            Map.entry("model", ModelCommands.HELP),
            Map.entry("dataset", DatasetCommands.HELP),
            Map.entry("strikes", STRIKES),
            Map.entry("quota", QUOTA),
            Map.entry("usage", USAGE),
            Map.entry("review", ReviewCommands.HELP),
            Map.entry("export", PRIVACY),
            Map.entry("forget", PRIVACY));

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
