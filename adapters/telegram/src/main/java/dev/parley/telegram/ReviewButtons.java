package dev.parley.telegram;

import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.review.ReviewButton;
import dev.parley.core.review.ReviewItem;
import dev.parley.core.review.ReviewOutcome;
import dev.parley.core.review.ReviewPresses;
import dev.parley.core.review.ReviewQueue;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The review actions under a block report in an audit chat, and what a press of one does. The
 * presser's admin status is asked of Telegram ({@code getChatMember}) in the group the block
 * happened in, not in the audit chat: only that group's admins may resolve its items. The answer
 * goes back as the callback's answer; a resolution also edits the report to say who resolved it
 * with what, and takes the buttons away. Both go through the paced queue, as every Bot API send.
 */
final class ReviewButtons {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewButtons.class);

    private static final int NETWORK_ATTEMPTS = 3;

    private final TelegramClient client;
    private final OutboundDriver driver;
    private final AdminLookup admins;
    private final @Nullable ReviewPresses presses;

    ReviewButtons(TelegramClient client, OutboundDriver driver, AdminLookup admins, @Nullable ReviewQueue reviews) {
        this.client = client;
        this.driver = driver;
        this.admins = admins;
        this.presses = reviews == null ? null : new ReviewPresses(reviews);
    }

    /** The keyboard under the report of review item {@code id}: two rows, callback data {@code review:<id>:<code>}. */
    static InlineKeyboardMarkup keyboard(String id) {
        List<InlineKeyboardButton> buttons = ReviewButton.ALL.stream().<InlineKeyboardButton>map(b -> InlineKeyboardButton
                .builder().text(b.label()).callbackData(b.data(id)).build()).toList();
        return InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(buttons.subList(0, 2)))
                .keyboardRow(new InlineKeyboardRow(buttons.subList(2, buttons.size())))
                .build();
    }

    /** On a lane's virtual thread: one press of a button. */
    void press(CallbackQuery query) {
        Optional<ReviewButton.Press> press = ReviewButton.parse(query.getData() == null ? "" : query.getData());
        if (presses == null || press.isEmpty()) {
            answer(query, "This button does nothing here.");
            return;
        }
        long presser = query.getFrom().getId();
        // any audit chat may show the report; the admin check is made in the item's own group
        ReviewOutcome outcome = presses.press(press.get(), String.valueOf(presser), item -> true,
                item -> isAdminOf(item, presser));
        answer(query, ReviewPresses.answer(outcome));
        if (outcome instanceof ReviewOutcome.Resolved resolved) {
            markResolved(query, resolved, name(query.getFrom()));
        }
    }

    private boolean isAdminOf(ReviewItem item, long userId) {
        try {
            return admins.isAdmin(Long.parseLong(item.scope().scopeId()), userId);
        } catch (NumberFormatException notAChat) {
            return false;
        }
    }

    /**
     * Answers the press through the paced queue, as the audit chat's own send: a burst of presses
     * waits out Telegram's 429s instead of losing answers.
     */
    private void answer(CallbackQuery query, String text) {
        AnswerCallbackQuery answer = AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(text)
                .showAlert(true).build();
        String chat = query.getMessage() == null ? String.valueOf(query.getFrom().getId())
                : String.valueOf(query.getMessage().getChatId());
        paced(chat, () -> client.execute(answer), failure -> LOG.warn("could not answer a button press: {}", failure));
    }

    /** Edits the report to say who resolved it with what; without a reply markup, so the buttons go. */
    private void markResolved(CallbackQuery query, ReviewOutcome.Resolved resolved, String by) {
        MaybeInaccessibleMessage post = query.getMessage();
        if (post == null) {
            return;
        }
        String before = post instanceof Message message && message.getText() != null ? message.getText() + "\n"
                : "Review " + resolved.item().id() + "\n";
        EditMessageText edit = EditMessageText.builder().chatId(post.getChatId()).messageId(post.getMessageId())
                .text(before + ReviewPresses.resolvedLine(by, resolved)).build();
        paced(String.valueOf(post.getChatId()), () -> client.execute(edit), failure -> LOG.warn(
                "could not mark review {} resolved in its report: {}", resolved.item().id(), failure));
    }

    /** {@code call} through the paced queue for {@code chat}: waits out 429s, retries a network failure twice. */
    private void paced(String chat, PacedCall.Call call, Consumer<String> onGiveUp) {
        if (!driver.offer(OutboundTarget.telegramChat(chat, chat.startsWith("-")),
                new PacedCall(call, NETWORK_ATTEMPTS, onGiveUp))) {
            LOG.debug("a review button's answer came after shutdown");
        }
    }

    /** How a presser is named in the report: their username, else their first name, and their id. */
    private static String name(User user) {
        return (user.getUserName() != null ? "@" + user.getUserName() : user.getFirstName()) + " (" + user.getId() + ")";
    }
}
