package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.settings.ScopeKey;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A group's block reports posted to the chat its admin named ({@code /moderation audit-channel}):
 * the real TelegramBots client against {@link FakeTelegramServer} and a real {@link ChatPipeline};
 * the chat is accepted only from an admin of both chats, where the bot can post.
 */
class TelegramAuditChatTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TelegramUser BOT = TelegramUser.bot(9000, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1001, "Alice", "alice");
    private static final TelegramUser BOB = TelegramUser.person(1002, "Bob", "bob");
    private static final TelegramChat GROUP = TelegramChat.supergroup(-100500, "Parley fans");
    private static final TelegramChat MODS = TelegramChat.supergroup(-100600, "Parley mods");
    private static final String BLOCKED = "I can't help with that.";
    private static final String BOMB_QUESTION = "@parley_bot how do I build a bomb";

    private final FakeTelegramServer server = FakeTelegramServer.start("123:secret", BOT);
    private final InferenceQueue queue = new InferenceQueue(1, 20);
    private final AtomicReference<BlockReports> reports = new AtomicReference<>(BlockReports.NONE);
    private final TelegramAdapter adapter = started();

    private TelegramAdapter started() {
        CoreParts core = new CoreParts(new ScriptedChatModel(), queue, List.of("bomb"), BLOCKED,
                "I had to stop that answer.");
        // the adapter posts the reports, and the pipeline needs them before the adapter exists
        var pipeline = core.pipeline(core.commands().channels(core.channels).build())
                .personas(PersonaSelector.only(new Persona("default", "You are Parley.",
                        core.pipelineSettings.generation())))
                .overrides(LimitOverrides.none()).channels(core.channels)
                .reports(report -> reports.get().report(report)).build();
        var telegram = TelegramAdapter.builder().settings(new TelegramSettings("123:secret",
                URI.create(server.baseUri().toString()), null, Duration.ofSeconds(10))).pipeline(pipeline)
                .clock(core.clock)
                .pollBackOff(new DoublingBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))).build();
        reports.set(telegram.blockReports());
        telegram.start();
        server.awaitPolling(WAIT);
        return telegram;
    }

    @AfterEach
    void stop() {
        adapter.close();
        queue.close();
        server.close();
    }

    private BotMessage awaitReply(Posted to) {
        server.await("a reply to message " + to.messageId(), () -> !server.repliesTo(to.chatId(), to.messageId()).isEmpty(),
                WAIT);
        return server.repliesTo(to.chatId(), to.messageId()).getFirst();
    }

    private void awaitBlocked(Posted question) {
        server.await("the block notice", () -> server.repliesTo(question.chatId(), question.messageId()).stream()
                .anyMatch(m -> m.text().equals(BLOCKED)), WAIT);
    }

    private List<BotMessage> awaitReports(int count) {
        server.await(count + " block reports in the mods' chat", () -> server.botMessages(MODS.id()).size() >= count,
                WAIT);
        return server.botMessages(MODS.id());
    }

    @Test
    void aChatNamedByAnAdminOfBothGetsTheGroupsBlocksWithoutTheirText() {
        server.setMemberStatus(GROUP.id(), ALICE.id(), "administrator");
        server.setMemberStatus(MODS.id(), ALICE.id(), "creator");

        Posted naming = server.userSends(GROUP, ALICE, "/moderation audit-channel " + MODS.id());
        assertThat(awaitReply(naming).text()).isEqualTo("Every block here is now reported to channel " + MODS.id() + ".");
        Posted question = server.userSends(GROUP, BOB, BOMB_QUESTION);
        awaitBlocked(question);

        String report = awaitReports(1).getFirst().text();
        assertThat(report).startsWith("Input blocked: user " + BOB.id() + " in chat " + GROUP.id() + ", ")
                .containsPattern("sha256 [0-9a-f]{16}")
                .doesNotContain("bomb").doesNotContain("build").doesNotContain("Excerpt");

        Posted excerpts = server.userSends(GROUP, ALICE, "/moderation excerpt redacted");
        awaitReply(excerpts);
        awaitBlocked(server.userSends(GROUP, BOB, BOMB_QUESTION));
        String withExcerpt = awaitReports(2).get(1).text();
        assertThat(withExcerpt).contains("\nExcerpt: \"").doesNotContain("bomb");
        assertThat(server.requests("getChatMember")).extracting(r -> r.number("chat_id"), r -> r.number("user_id"))
                .contains(org.assertj.core.groups.Tuple.tuple(MODS.id(), ALICE.id()),
                        org.assertj.core.groups.Tuple.tuple(MODS.id(), BOT.id()));
    }

    @Test
    void aChatTheAdminDoesNotAdministerIsRefusedAndNothingChanges() {
        server.setMemberStatus(GROUP.id(), ALICE.id(), "administrator");
        // Alice is only a member of the mods' chat

        Posted naming = server.userSends(GROUP, ALICE, "/moderation audit-channel " + MODS.id());

        assertThat(awaitReply(naming).text()).isEqualTo("Telegram says you are not an administrator of chat "
                + MODS.id() + ", so blocks here cannot be reported there. Blocks here are reported as before.");
        assertThat(awaitReply(server.userSends(GROUP, ALICE, "/moderation show")).text()).contains("audit channel: none");
    }

    @Test
    void aChatWhereTheBotCannotPostIsRefused() {
        server.setMemberStatus(GROUP.id(), ALICE.id(), "administrator");
        server.setMemberStatus(MODS.id(), ALICE.id(), "administrator");
        server.setMemberStatus(MODS.id(), BOT.id(), "left");

        Posted naming = server.userSends(GROUP, ALICE, "/moderation audit-channel " + MODS.id());

        assertThat(awaitReply(naming).text()).startsWith("I cannot post in chat " + MODS.id() + ": add me to it");
        assertThat(awaitReply(server.userSends(GROUP, ALICE, "/moderation show")).text()).contains("audit channel: none");
    }

    @Test
    void aMemberIsRefusedByTheCoreWithoutAskingAboutTheOtherChat() {
        Posted naming = server.userSends(GROUP, BOB, "/moderation audit-channel " + MODS.id());

        assertThat(awaitReply(naming).text()).isEqualTo("Only admins of this chat can change moderation.");
        assertThat(server.requests("getChatMember")).extracting(r -> r.number("chat_id")).containsOnly(GROUP.id());
    }

    @Test
    void anAdminNamesTheChatFromTheirPrivateChatThroughManage() {
        server.botIsIn(GROUP);
        server.setMemberStatus(GROUP.id(), ALICE.id(), "creator");
        server.setMemberStatus(MODS.id(), ALICE.id(), "administrator");
        TelegramChat aliceDm = TelegramChat.privateWith(ALICE);
        awaitReply(server.userSends(aliceDm, ALICE, "/manage " + GROUP.id()));

        Posted naming = server.userSends(aliceDm, ALICE, "/moderation audit-channel " + MODS.id());
        assertThat(awaitReply(naming).text()).isEqualTo("Every block here is now reported to channel " + MODS.id() + ".");
        awaitBlocked(server.userSends(GROUP, BOB, BOMB_QUESTION));

        assertThat(awaitReports(1).getFirst().text()).startsWith("Input blocked: user " + BOB.id() + " in chat "
                + GROUP.id());
        assertThat(server.botMessages(aliceDm.id())).noneMatch(m -> m.text().contains("blocked: user"));
    }

    @Test
    void theReportNamesTheTopicAndDefusesMentionsInTheExcerpt() {
        var report = new BlockReport(Instant.parse("2026-11-26T22:00:00Z"), new ScopeKey(Platform.TELEGRAM, "-100500"),
                new Location(Platform.TELEGRAM, "-100500", "-100500", "77"), "-100600", "1002", "-100500:9",
                Direction.OUTPUT, "harassment", "lexicon",
                CategoryScores.of(Map.of(Category.HARASSMENT, 0.91, Category.HATE, 0.2)), "0123456789abcdef",
                "ask @admin about ****");

        assertThat(AuditChatPoster.text(report)).isEqualTo("Output blocked: user 1002 in chat -100500 (topic 77),"
                + " harassment (lexicon), scores harassment 0.91, hate 0.20, sha256 0123456789abcdef\n"
                + "Excerpt: \"ask \uFF20admin about ****\"");
    }
}
