package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.ServedScopes;
import dev.parley.core.conversation.Platform;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.settings.ScopeKey;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With {@code leave-unlisted}, the bot leaves a group it does not serve as soon as it is added (the real client, the fake server). */
class UnservedGroupsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TelegramUser BOT = TelegramUser.bot(9000, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1001, "Alice", "alice");
    private static final TelegramChat LISTED = TelegramChat.supergroup(-100_1, "Listed");
    private static final TelegramChat UNLISTED = TelegramChat.supergroup(-100_2, "Unlisted");
    private static final TelegramChat BLOCKED = TelegramChat.group(-3, "Blocked");

    private final FakeTelegramServer server = FakeTelegramServer.start("123:secret", BOT);
    private final InferenceQueue queue = new InferenceQueue(1, 20);
    private TelegramAdapter adapter;

    private TelegramAdapter started(ServedScopes served) {
        var settings = new TelegramSettings("123:secret", URI.create(server.baseUri().toString()), null, WAIT);
        adapter = TelegramAdapter.builder().settings(settings).pipeline(PlainPipeline.over(new ScriptedChatModel(), queue))
                .clock(InstantSource.system()).served(served).build();
        adapter.start();
        server.awaitPolling(WAIT);
        return adapter;
    }

    private static ScopeKey scope(TelegramChat chat) {
        return new ScopeKey(Platform.TELEGRAM, Long.toString(chat.id()));
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        queue.close();
        server.close();
    }

    @Test
    void addedToAnUnlistedOrBlockedGroup_theBotLeavesItAndStaysInAListedOne() {
        TelegramAdapter bot = started(new ServedScopes(Set.of(scope(BLOCKED)), Set.of(scope(LISTED)), true));

        server.botAddedTo(LISTED, ALICE);
        server.botAddedTo(UNLISTED, ALICE);
        server.botAddedTo(BLOCKED, ALICE);
        server.await("three updates handled", () -> bot.messagesHandled() >= 3, WAIT);

        assertThat(server.leftChats()).containsExactlyInAnyOrder(UNLISTED.id(), BLOCKED.id());
    }

    @Test
    void addedToAnUnlistedGroupWithoutLeaveUnlisted_theBotStays() {
        TelegramAdapter bot = started(new ServedScopes(Set.of(), Set.of(scope(LISTED)), false));

        server.botAddedTo(UNLISTED, ALICE);
        server.await("the update handled", () -> bot.messagesHandled() >= 1, WAIT);

        assertThat(server.leftChats()).isEmpty();
    }
}
