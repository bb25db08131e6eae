package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.OTHER_GUILD;
import static dev.parley.core.testing.Messages.mention;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettings;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ReplyMode;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandServiceTest {

    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);

    private final FakeClock clock = new FakeClock();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings, channels,
            new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out"), normaliser);
    private final ConversationMemory memory = new ConversationMemory(
            text -> text.length(), new MemoryLimits(100, Duration.ofMinutes(10), 20, 0), clock);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final CommandService service = CommandService.builder().settings(settings).policies(policies).moderator(moderator)
                .memory(memory).audit(audit).clock(clock).channels(channels).build();

    private String run(Author author, String text) {
        return run(mention(author, text));
    }

    private String run(InboundMessage message) {
        CommandLine command = CommandLine.parse(message.text());
        assertThat(command).as("a command: %s", message.text()).isNotNull();
        return service.handle(command, message);
    }

    private boolean blocks(String text) {
        return moderator.moderate(text, Direction.INPUT, policies.forScope(SCOPE)).blocked();
    }

    @Test
    void builderNamesAMissingCollaboratorAndRefusesNull() {
        var incomplete = CommandService.builder().settings(settings).policies(policies).moderator(moderator)
                .memory(memory).clock(clock);

        assertThatThrownBy(incomplete::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("audit");
        assertThatThrownBy(() -> CommandService.builder().queue(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("queue");
    }

    @Test
    void stopSaysThereIsNothingToStopWithoutAQueue() {
        assertThat(run(ALICE, "/stop")).isEqualTo("There is nothing to stop here.");
    }

    @Test
    void helpListsStop() {
        assertThat(run(ALICE, "/help")).contains("/stop");
    }

    @Test
    void refusesModerationCommandsToNonAdminsAndChangesNothing() {
        String reply = run(ALICE, "/moderation terms add spoiler");

        assertThat(reply).isEqualTo("Only admins of this server can change moderation.");
        assertThat(settings.load(SCOPE)).isEqualTo(ScopeSettings.DEFAULTS);
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
        assertThat(blocks("spoiler")).isFalse();
    }

    @Test
    void namesTheScopeAsThePlatformCallsIt() {
        Location telegram = new Location(Platform.TELEGRAM, "chat-1", "chat-1", null);

        assertThat(run(message(telegram, ALICE, "/moderation terms list", false)))
                .isEqualTo("Only admins of this chat can change moderation.");
    }

    @Test
    void refusesEvenTheListToNonAdmins() {
        settings.save(SCOPE, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));

        assertThat(run(ALICE, "/moderation terms list")).doesNotContain("spoiler");
    }

    @Test
    void addsATermForAnAdminPersistsItAndAuditsIt() {
        clock.advance(Duration.ofHours(1));

        String reply = run(ADMIN, "/moderation terms add Pipe Dream");

        assertThat(reply).isEqualTo("Blocked \"pipe dream\".");
        assertThat(settings.load(SCOPE).blockedTerms()).containsExactly("pipe dream");
        assertThat(audit.recent(SCOPE, 10)).containsExactly(
                new AuditEntry(clock.instant(), SCOPE, "admin", "terms.add", "pipe dream"));
    }

    @Test
    void removesATermWhateverItsCase() {
        run(ADMIN, "/moderation terms add Bomb");

        String reply = run(ADMIN, "/moderation terms remove bOMB");

        assertThat(reply).isEqualTo("Unblocked \"bomb\".");
        assertThat(settings.load(SCOPE).blockedTerms()).isEmpty();
    }

    @Test
    void refusesATermWithoutLettersOrDigits() {
        String reply = run(ADMIN, "/moderation terms add !!!");

        assertThat(reply).contains("would match nothing");
        assertThat(settings.load(SCOPE).blockedTerms()).isEmpty();
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void makesAnAddedTermBlockTheVeryNextMessage() {
        assertThat(blocks("a pipe dream")).isFalse(); // the policy is cached now

        run(ADMIN, "/moderation terms add pipe dream");

        assertThat(blocks("a PIPE  dream!")).isTrue();
    }

    @Test
    void removesATermPersistsAuditsAndStopsBlockingIt() {
        run(ADMIN, "/moderation terms add spoiler");
        assertThat(blocks("spoiler")).isTrue();

        String reply = run(ADMIN, "/moderation terms remove spoiler");

        assertThat(reply).isEqualTo("Unblocked \"spoiler\".");
        assertThat(settings.load(SCOPE).blockedTerms()).isEmpty();
        assertThat(blocks("spoiler")).isFalse();
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action).containsExactly("terms.remove", "terms.add");
    }

    @Test
    void listsTheScopesOwnTermsSorted() {
        run(ADMIN, "/moderation terms add zebra");
        run(ADMIN, "/moderation terms add apple");

        assertThat(run(ADMIN, "/moderation terms list")).startsWith("Blocked terms here: apple, zebra\nAllowed terms here: none");
    }

    @Test
    void saysWhenTheScopeHasNoTermsOfItsOwn() {
        assertThat(run(ADMIN, "/moderation terms list"))
                .isEqualTo("Blocked terms here: none\nAllowed terms here: none\n(configured terms apply everywhere)");
    }

    @Test
    void changesOnlyTheScopeTheCommandWasTypedIn() {
        run(ADMIN, "/moderation terms add spoiler");

        assertThat(settings.load(ScopeKey.of(OTHER_GUILD))).isEqualTo(ScopeSettings.DEFAULTS);
        assertThat(moderator.moderate("spoiler", Direction.INPUT, policies.forScope(ScopeKey.of(OTHER_GUILD))).blocked())
                .isFalse();
    }

    @Test
    void addingATermTwiceChangesAndAuditsNothing() {
        run(ADMIN, "/moderation terms add spoiler");

        assertThat(run(ADMIN, "/moderation terms add spoiler")).isEqualTo("\"spoiler\" was already blocked.");
        assertThat(audit.recent(SCOPE, 10)).hasSize(1);
    }

    @Test
    void removingATermThatWasNotBlockedChangesAndAuditsNothing() {
        assertThat(run(ADMIN, "/moderation terms remove spoiler")).isEqualTo("\"spoiler\" was not blocked.");
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void refusesATermLongerThanTheLimit() {
        String term = "x".repeat(ModerationRuleCommands.MAX_TERM_LENGTH + 1);

        String reply = run(ADMIN, "/moderation terms add " + term);

        assertThat(reply).isEqualTo("A term may have at most 100 characters.");
        assertThat(settings.load(SCOPE)).isEqualTo(ScopeSettings.DEFAULTS);
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void countsATermsLengthInCharactersTheUserSees() {
        String emoji = "\uD83D\uDCA3"; // one character, two UTF-16 units
        String term = "x" + emoji.repeat(ModerationRuleCommands.MAX_TERM_LENGTH - 1);

        run(ADMIN, "/moderation terms add " + term);

        assertThat(settings.load(SCOPE).blockedTerms()).containsExactly(term);
        assertThat(run(ADMIN, "/moderation terms add " + emoji.repeat(ModerationRuleCommands.MAX_TERM_LENGTH + 1)))
                .isEqualTo("A term may have at most 100 characters.");
    }

    @Test
    void printsATinyThresholdAsTypedNotInScientificNotation() {
        String reply = run(ADMIN, "/moderation category hate block 0.0000001");

        assertThat(reply).isEqualTo("hate: block at 0.0000001.");
        assertThat(run(ADMIN, "/moderation show")).contains("hate: block at 0.0000001").doesNotContain("E-");
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::detail).containsExactly("hate BLOCK 0.0000001");
    }

    @Test
    void plainThreshold_keepsOrdinaryValuesAsTheyWere() {
        assertThat(ModerationRuleCommands.plain(0.5)).isEqualTo("0.5");
        assertThat(ModerationRuleCommands.plain(1.0)).isEqualTo("1.0");
        assertThat(ModerationRuleCommands.plain(0.001)).isEqualTo("0.001");
        assertThat(ModerationRuleCommands.plain(1e-7)).isEqualTo("0.0000001");
        assertThat(ModerationRuleCommands.plain(2.5e-4)).isEqualTo("0.00025");
    }

    @Test
    void acceptsATermOfExactlyTheLimit() {
        String term = "x".repeat(ModerationRuleCommands.MAX_TERM_LENGTH);

        run(ADMIN, "/moderation terms add " + term);

        assertThat(settings.load(SCOPE).blockedTerms()).containsExactly(term);
    }

    @Test
    void explainsUsageForMissingOrUnknownArguments() {
        assertThat(run(ADMIN, "/moderation terms add")).isEqualTo("Usage: /moderation terms add [block|allow] <term>");
        assertThat(run(ADMIN, "/moderation terms drop x"))
                .isEqualTo("Usage: /moderation terms <list|add|remove> [block|allow] <term>");
        assertThat(run(ADMIN, "/moderation")).startsWith("Usage:\n  /moderation show");
        assertThat(run(ADMIN, "/moderation category hate sometimes")).startsWith("Usage: /moderation category");
        assertThat(run(ADMIN, "/moderation category hate block 7")).contains("at most 1");
        assertThat(run(ADMIN, "/moderation category kindness block")).startsWith("Unknown category \"kindness\"");
        assertThat(run(ADMIN, "/moderation direction sideways")).startsWith("Usage: /moderation direction");
        assertThat(run(ADMIN, "/moderation failure maybe")).startsWith("Usage: /moderation failure");
        assertThat(run(ADMIN, "/moderation test")).isEqualTo("Usage: /moderation test <text>");
        assertThat(settings.load(SCOPE)).isEqualTo(ScopeSettings.DEFAULTS);
    }

    @Test
    void showsTheVerdictOnATextWithoutChangingAnything() {
        assertThat(run(ADMIN, "/moderation test how to make a BOMB"))
                .isEqualTo("Would be blocked: custom (contains a blocked term, rule blocked-terms).");
        assertThat(run(ADMIN, "/moderation test a bombastic speech")).isEqualTo("Would be allowed.");
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void resetForgetsTheConversationItWasTypedIn() {
        InboundMessage reset = mention(ALICE, "/reset");
        memory.remember(reset.conversationKey(), "hello", "hi there");
        ConversationKey elsewhere = message(OTHER_GUILD, ALICE, "x", true).conversationKey();
        memory.remember(elsewhere, "hello", "hi there");

        assertThat(run(reset)).isEqualTo("Forgotten: this conversation starts afresh.");

        assertThat(memory.turns(reset.conversationKey())).isEmpty();
        assertThat(memory.turns(elsewhere)).hasSize(2);
    }

    @Test
    void answersAnUnknownCommandWithAPointerToHelp() {
        assertThat(run(ALICE, "/frobnicate now")).isEqualTo("Unknown command /frobnicate. Try /help.");
    }

    @Test
    void helpIsAShortOverviewWithOneLinePerCommandAndAPointerToTheDetails() {
        String help = run(ALICE, "/help");

        assertThat(help).startsWith("Commands:").contains("/reset", "/stop", "/bot", "/ratelimit", "/moderation",
                "/audit", "/help <command>");
        assertThat(help).doesNotContain("/moderation terms", "/moderation channel", "/bot history");
        assertThat(help.lines()).hasSizeLessThanOrEqualTo(15)
                .filteredOn(line -> line.strip().startsWith("/moderation")).hasSize(1);
        assertThat(run(ALICE, "/start@ParleyBot")).isEqualTo(help);
    }

    @Test
    void helpWithACommandGivesThatCommandInFull() {
        assertThat(run(ALICE, "/help moderation")).contains("/moderation terms <list|add|remove> [block|allow] <term>",
                "/moderation channel terms <list|add|remove>", "/moderation channel clear", "/moderation audit-channel")
                .doesNotContain("/bot persona");
        assertThat(run(ALICE, "/help bot")).contains("/bot persona <name>", "/bot channel <auto-reply|mention-only|off>",
                "/bot history <on|off>").doesNotContain("/moderation");
        assertThat(run(ALICE, "/help ratelimit")).contains("/ratelimit set <user|channel|server>");
        assertThat(run(ALICE, "/help audit")).contains("/audit recent [count]");
        assertThat(run(ALICE, "/help reset")).startsWith("/reset");
        assertThat(run(ALICE, "/help /Moderation")).as("the command as typed, slash and case aside")
                .isEqualTo(run(ALICE, "/help moderation"));
    }

    @Test
    void everyCommandTheOverviewNamesHasItsOwnHelp() {
        List<String> named = run(ALICE, "/help").lines().map(String::strip).filter(line -> line.startsWith("/"))
                .map(line -> line.substring(1).split("[\\s\\[]")[0]).toList();

        assertThat(named).contains("help", "reset", "stop", "bot", "ratelimit", "moderation", "audit");
        for (String command : named) {
            assertThat(run(ALICE, "/help " + command)).as("/help %s", command).doesNotStartWith("There is no");
        }
    }

    @Test
    void moderationHelpListsEverySubcommandTheModerationCommandsKnow() {
        String help = run(ALICE, "/help moderation");
        List<String> usage = (ModerationCommands.USAGE + "\n" + ModerationCommands.CHANNEL_USAGE).lines()
                .map(String::strip).filter(line -> line.startsWith("/moderation ")).toList();

        assertThat(usage).hasSizeGreaterThan(10);
        for (String line : usage) {
            String[] words = line.split(" ");
            String subcommand = words[1].equals("channel") && !words[2].startsWith("<")
                    ? "/moderation channel " + words[2].split("\\|")[0] : "/moderation " + words[1];
            assertThat(help).as("help for %s", line).contains(subcommand);
        }
    }

    @Test
    void helpForAnUnknownCommandSaysSoAndGivesTheOverview() {
        assertThat(run(ALICE, "/help frobnicate")).startsWith("There is no command /frobnicate.")
                .endsWith(run(ALICE, "/help"));
        assertThat(run(ALICE, "/help " + "x".repeat(500))).startsWith("There is no such command.")
                .doesNotContain("xxxxxxxxxx".repeat(4));
    }

    @Test
    void setsACategoryForTheScopeAuditsItAndShowsItInThePolicy() {
        String reply = run(ADMIN, "/moderation category harassment-threatening off");

        assertThat(reply).isEqualTo("harassment/threatening: off at 0.5.");
        assertThat(settings.load(SCOPE).categories())
                .containsEntry(Category.HARASSMENT_THREATENING, new CategorySetting(CategoryAction.OFF, 0.5));
        assertThat(run(ADMIN, "/moderation show")).contains("harassment/threatening: off at 0.5");
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::action).containsExactly("moderation.category");
    }

    @Test
    void anAllowedTermIsStoredApartFromBlockedOnesAndCanBeRemoved() {
        assertThat(run(ADMIN, "/moderation terms add allow Kill It")).isEqualTo("Allowed \"kill it\".");
        assertThat(settings.load(SCOPE).allowedTerms()).containsExactly("kill it");
        assertThat(settings.load(SCOPE).blockedTerms()).isEmpty();

        assertThat(run(ADMIN, "/moderation terms remove allow kill it")).isEqualTo("No longer allowed \"kill it\".");
        assertThat(settings.load(SCOPE).allowedTerms()).isEmpty();
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action)
                .containsExactly("terms.remove.allow", "terms.add.allow");
    }

    @Test
    void choosesTheDirectionsAndTheFailureMode() {
        assertThat(run(ADMIN, "/moderation direction output")).isEqualTo("Moderating output here.");
        assertThat(run(ADMIN, "/moderation failure closed")).contains("blocked with a notice");

        assertThat(settings.load(SCOPE).directions()).containsExactly(Direction.OUTPUT);
        assertThat(settings.load(SCOPE).onFailure()).isEqualTo(FailureMode.FAIL_CLOSED);
        assertThat(run(ADMIN, "/moderation show")).contains("directions: output", "on failure: closed");
    }

    @Test
    void nonAdminsCannotSeeOrChangeAnyModerationSetting() {
        for (String command : List.of("/moderation show", "/moderation category hate off", "/moderation direction none",
                "/moderation failure closed", "/moderation terms add allow x", "/moderation exempt-role add everyone",
                "/moderation exempt-role list", "/moderation audit-channel 42")) {
            assertThat(run(ALICE, command)).startsWith("Only admins");
        }
        assertThat(settings.load(SCOPE)).isEqualTo(ScopeSettings.DEFAULTS);
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void showsTheReplyModeOfTheChannelToEveryone() {
        assertThat(run(ALICE, "/bot channel"))
                .isEqualTo("Reply mode here: mention-only (I answer when mentioned or replied to).");
    }

    @Test
    void anAdminSetsTheReplyModeOfThisChannelOnlyAndItIsAudited() {
        clock.advance(Duration.ofMinutes(5));

        String reply = run(ADMIN, "/bot channel Auto-Reply");

        assertThat(reply).isEqualTo("Reply mode here is now auto-reply: I answer every message in this channel.");
        assertThat(channels.load(ChannelKey.of(GENERAL)).replyMode()).isEqualTo(ReplyMode.AUTO_REPLY);
        assertThat(channels.load(new ChannelKey(SCOPE, "random"))).isEqualTo(ChannelSettings.DEFAULTS);
        assertThat(audit.recent(SCOPE, 10)).containsExactly(
                new AuditEntry(clock.instant(), SCOPE, "admin", "bot.channel", "general auto-reply"));
        assertThat(run(ALICE, "/bot channel")).startsWith("Reply mode here: auto-reply");
    }

    @Test
    void refusesToChangeTheReplyModeForNonAdminsAndExplainsBadModes() {
        assertThat(run(ALICE, "/bot channel off"))
                .isEqualTo("Only admins of this server can change when I reply in a channel.");
        assertThat(run(ADMIN, "/bot channel sometimes")).isEqualTo("Usage: /bot channel [auto-reply|mention-only|off]");
        assertThat(run(ADMIN, "/bot channel mention-only")).isEqualTo("Reply mode here was already mention-only.");
        assertThat(run(ADMIN, "/bot")).startsWith("Usage: /bot persona").contains("/bot block", "/bot mute");

        assertThat(channels.load(ChannelKey.of(GENERAL))).isEqualTo(ChannelSettings.DEFAULTS);
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }

    @Test
    void anExemptRoleIsAddedListedShownAuditedAndRemoved() {
        assertThat(run(ADMIN, "/moderation exempt-role add Trusted Members"))
                .isEqualTo("Prompts by \"Trusted Members\" are no longer moderated here (replies to them still are).");
        assertThat(run(ADMIN, "/moderation exempt-role add <@&4242>")).contains("\"4242\"");

        assertThat(settings.load(SCOPE).exemptRoles()).containsExactlyInAnyOrder("Trusted Members", "4242");
        assertThat(policies.forScope(SCOPE).exempts(Set.of("Trusted Members"))).isTrue();
        assertThat(run(ADMIN, "/moderation exempt-role list")).startsWith("Exempt roles here: 4242, Trusted Members");
        assertThat(run(ADMIN, "/moderation show")).contains("exempt roles: 4242, Trusted Members");

        assertThat(run(ADMIN, "/moderation exempt-role remove Trusted Members"))
                .isEqualTo("Prompts by \"Trusted Members\" are moderated again here.");
        assertThat(policies.forScope(SCOPE).exempts(Set.of("Trusted Members"))).isFalse();
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action, AuditEntry::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("moderation.exempt-role.remove", "Trusted Members"),
                org.assertj.core.groups.Tuple.tuple("moderation.exempt-role.add", "4242"),
                org.assertj.core.groups.Tuple.tuple("moderation.exempt-role.add", "Trusted Members"));
    }

    @Test
    void anExemptRoleChangeThatChangesNothingIsNotAudited() {
        assertThat(run(ADMIN, "/moderation exempt-role remove ghosts")).isEqualTo("\"ghosts\" was not exempt.");
        assertThat(run(ADMIN, "/moderation exempt-role add")).isEqualTo("Usage: /moderation exempt-role add <role>");
        assertThat(run(ADMIN, "/moderation exempt-role grant x"))
                .isEqualTo("Usage: /moderation exempt-role <add|remove|list> <role>");
        assertThat(run(ADMIN, "/moderation exempt-role add " + "r".repeat(101))).contains("at most 100");
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
        assertThat(settings.load(SCOPE)).isEqualTo(ScopeSettings.DEFAULTS);
    }

    @Test
    void anAuditChannelIsSetShownAuditedAndTurnedOff() {
        assertThat(run(ADMIN, "/moderation audit-channel <#1234567>"))
                .isEqualTo("Every block here is now reported to channel 1234567.");
        assertThat(settings.load(SCOPE).auditChannel()).isEqualTo("1234567");
        assertThat(policies.forScope(SCOPE).reporting().auditChannel()).isEqualTo("1234567");
        assertThat(run(ADMIN, "/moderation show")).contains("audit channel: 1234567");

        assertThat(run(ADMIN, "/moderation audit-channel off")).startsWith("Blocks are no longer reported");
        assertThat(policies.forScope(SCOPE).reporting().auditChannel()).isNull();
        assertThat(run(ADMIN, "/moderation audit-channel off")).isEqualTo("No audit channel was set.");
        assertThat(run(ADMIN, "/moderation audit-channel")).isEqualTo("Usage: /moderation audit-channel <channel-id|off>");
        assertThat(run(ADMIN, "/moderation audit-channel two words")).startsWith("Usage:");
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action, AuditEntry::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("moderation.audit-channel", "off"),
                org.assertj.core.groups.Tuple.tuple("moderation.audit-channel", "1234567"));
    }

    @Test
    void theExcerptOfBlockedTextsIsChosenShownAndAudited() {
        assertThat(run(ADMIN, "/moderation show")).contains("excerpt of blocked texts: none");

        assertThat(run(ADMIN, "/moderation excerpt redacted")).startsWith("Blocks are now audited with an excerpt");

        assertThat(settings.load(SCOPE).excerpt()).isEqualTo(ExcerptMode.REDACTED);
        assertThat(policies.forScope(SCOPE).reporting().excerpt()).isEqualTo(ExcerptMode.REDACTED);
        assertThat(run(ADMIN, "/moderation show")).contains("excerpt of blocked texts: redacted");
        assertThat(run(ADMIN, "/moderation excerpt redacted")).isEqualTo("The excerpt of blocked texts was already redacted.");
        assertThat(run(ADMIN, "/moderation excerpt full")).isEqualTo("Usage: /moderation excerpt <none|redacted>");
        assertThat(run(ALICE, "/moderation excerpt none")).startsWith("Only admins of this server");
        assertThat(run(ADMIN, "/moderation excerpt none")).isEqualTo("Blocks are now audited with a hash of the text only.");
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action, AuditEntry::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("moderation.excerpt", "none"),
                org.assertj.core.groups.Tuple.tuple("moderation.excerpt", "redacted"));
    }

    private static final Location RANDOM = new Location(GENERAL.platform(), GENERAL.scopeId(), "random", null);

    private boolean blocksAt(Location location, String text) {
        return moderator.moderate(text, Direction.INPUT, policies.forLocation(location)).blocked();
    }

    @Test
    void aChannelsOwnTermBlocksThereOnlyAndIsAuditedWithTheChannel() {
        assertThat(blocksAt(GENERAL, "spoiler")).isFalse(); // cached now

        assertThat(run(ADMIN, "/moderation channel terms add Spoiler")).isEqualTo("Blocked \"spoiler\" in this channel.");

        assertThat(blocksAt(GENERAL, "a SPOILER!")).isTrue();
        assertThat(blocksAt(RANDOM, "a spoiler")).isFalse();
        assertThat(blocksAt(GENERAL, "a bomb")).as("the configured terms still apply").isTrue();
        assertThat(settings.load(SCOPE)).isEqualTo(ScopeSettings.DEFAULTS);
        assertThat(channels.load(ChannelKey.of(GENERAL)).moderation().blockedTerms()).containsExactly("spoiler");
        assertThat(run(ADMIN, "/moderation channel terms list")).startsWith("Blocked terms in this channel: spoiler");
        assertThat(audit.recent(SCOPE, 10)).extracting(AuditEntry::action, AuditEntry::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("moderation.channel.terms.add", "general spoiler"));
    }

    @Test
    void aChannelsCategoryAndDirectionsReplaceTheScopesThereOnly() {
        run(ADMIN, "/moderation category hate flag 0.6");

        assertThat(run(ADMIN, "/moderation channel category hate block 0.3")).isEqualTo("hate: block at 0.3 in this channel.");
        assertThat(run(ADMIN, "/moderation channel direction output")).isEqualTo("Moderating output in this channel.");

        assertThat(policies.forLocation(GENERAL).setting(Category.HATE)).isEqualTo(new CategorySetting(CategoryAction.BLOCK, 0.3));
        assertThat(policies.forLocation(GENERAL).directions()).containsExactly(Direction.OUTPUT);
        assertThat(policies.forLocation(RANDOM).setting(Category.HATE)).isEqualTo(new CategorySetting(CategoryAction.FLAG, 0.6));
        assertThat(policies.forLocation(RANDOM).directions()).containsExactlyInAnyOrder(Direction.INPUT, Direction.OUTPUT);
        assertThat(blocksAt(GENERAL, "a bomb")).as("input is not moderated in this channel").isFalse();
        assertThat(run(ADMIN, "/moderation show")).contains("hate: block at 0.3", "directions: output",
                "this channel has moderation of its own");
        assertThat(audit.recent(SCOPE, 2)).extracting(AuditEntry::action, AuditEntry::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("moderation.channel.direction", "general output"),
                org.assertj.core.groups.Tuple.tuple("moderation.channel.category", "general hate BLOCK 0.3"));
    }

    @Test
    void aLaterChangeToTheScopeReachesAChannelWithItsOwnModeration() {
        run(ADMIN, "/moderation channel terms add spoiler");
        assertThat(blocksAt(GENERAL, "a leak")).isFalse(); // the channel's policy is cached now

        run(ADMIN, "/moderation terms add leak");

        assertThat(blocksAt(GENERAL, "a leak")).isTrue();
        assertThat(blocksAt(GENERAL, "a spoiler")).isTrue();
    }

    @Test
    void showsAndClearsAChannelsOwnModeration() {
        assertThat(run(ADMIN, "/moderation channel show"))
                .isEqualTo("This channel has no moderation of its own; the rest of the policy applies here.");
        run(ADMIN, "/moderation channel terms add spoiler");
        run(ADMIN, "/moderation channel category violence off");

        assertThat(run(ADMIN, "/moderation channel show")).isEqualTo("""
                This channel's own moderation, on top of the rest:
                  categories: violence off at 0.5
                  directions: as elsewhere
                  blocked terms: spoiler
                  allowed terms: none""");
        assertThat(run(ADMIN, "/moderation channel clear"))
                .isEqualTo("This channel's own moderation is cleared; the rest of the policy applies here.");
        assertThat(blocksAt(GENERAL, "spoiler")).isFalse();
        assertThat(channels.load(ChannelKey.of(GENERAL))).isEqualTo(ChannelSettings.DEFAULTS);
        assertThat(audit.recent(SCOPE, 1)).extracting(AuditEntry::action).containsExactly("moderation.channel.clear");
        assertThat(run(ADMIN, "/moderation channel clear")).isEqualTo("This channel had no moderation of its own.");
    }

    @Test
    void channelModerationIsForAdminsOnlyAndExplainsItsUsage() {
        assertThat(run(ALICE, "/moderation channel terms add spoiler"))
                .isEqualTo("Only admins of this server can change moderation.");
        assertThat(run(ADMIN, "/moderation channel failure closed")).startsWith("Usage (this channel only");
        assertThat(run(ADMIN, "/moderation channel")).startsWith("Usage (this channel only");
        assertThat(run(ADMIN, "/moderation channel direction sideways")).startsWith("Usage: /moderation direction");
        assertThat(channels.load(ChannelKey.of(GENERAL))).isEqualTo(ChannelSettings.DEFAULTS);
        assertThat(audit.recent(SCOPE, 10)).isEmpty();
    }
}
