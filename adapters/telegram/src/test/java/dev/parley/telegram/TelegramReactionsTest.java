package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.feedback.InMemoryFeedbackConsent;
import dev.parley.core.feedback.InMemoryFeedbackLog;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.feedback.ReactionVotes;
import dev.parley.core.feedback.Vote;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.reactions.MessageReactionUpdated;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionType;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionTypeCustomEmoji;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionTypeEmoji;

class TelegramReactionsTest {

    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");
    private static final Chat GROUP = Chat.builder().id(-100L).type("supergroup").build();

    private final InMemoryFeedbackConsent consent = new InMemoryFeedbackConsent();
    private final InMemoryFeedbackLog log = new InMemoryFeedbackLog();
    private final TelegramReactions reactions = new TelegramReactions(new ReactionVotes(consent, log, () -> AT));

    private static MessageReactionUpdated update(User user, List<ReactionType> before, List<ReactionType> after) {
        return MessageReactionUpdated.builder().chat(GROUP).messageId(77).user(user).date(1)
                .oldReaction(before).newReaction(after).build();
    }

    private static User person(long id) {
        return User.builder().id(id).firstName("P" + id).isBot(false).build();
    }

    @Test
    void handle_turnsAChangeOfEmojiReactionsIntoTheVotersVote() {
        consent.setEnabled(new ScopeKey(Platform.TELEGRAM, "-100"), true, "42", AT);
        long exchange = log.record(new Exchange(Platform.TELEGRAM, "-100", "-100", "-100", "42", "77", "sys", "hi",
                "hello", new ModelNames("m", ""), "", AT));

        reactions.handle(update(person(43), List.of(), List.of(new ReactionTypeEmoji("👍"))));
        assertThat(log.voteOf(exchange, "43")).contains(Vote.UP);
        reactions.handle(update(person(43), List.of(new ReactionTypeEmoji("👍")),
                List.of(new ReactionTypeCustomEmoji("5368324170671202286"))));
        assertThat(log.voteOf(exchange, "43")).isEmpty();
    }

    @Test
    void handle_withoutVotesIgnoresReactions() {
        new TelegramReactions(null).handle(update(person(43), List.of(), List.of(new ReactionTypeEmoji("👍"))));

        assertThat(log.exchanges()).isEmpty();
    }
}
