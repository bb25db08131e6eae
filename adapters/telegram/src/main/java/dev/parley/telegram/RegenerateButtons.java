package dev.parley.telegram;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.regenerate.AnswerButtons;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The inline <em>Regenerate</em> button under the bot's answers (callback data {@value #DATA}):
 * set on an answer's last message once the answer is out, a replaced answer deleted, a press handed
 * to the core and answered with {@code answerCallbackQuery}
 * ({@link dev.parley.core.pipeline.Regenerating#presserNote()}). The new answer replies to the
 * question as the first did. Telegram calls run on {@code sending}, never on the thread that
 * reports an answer out.
 */
final class RegenerateButtons implements AnswerButtons {

    private static final Logger LOG = LoggerFactory.getLogger(RegenerateButtons.class);
    static final String DATA = "regen";

    private final TelegramClient client;
    private final ChatPipeline pipeline;
    private final TelegramReplies replies;
    private final Executor sending;

    RegenerateButtons(TelegramClient client, ChatPipeline pipeline, TelegramReplies replies, Executor sending) {
        this.client = client;
        this.pipeline = pipeline;
        this.replies = replies;
        this.sending = sending;
    }

    @Override
    public void offer(Location where, String messageId) {
        InlineKeyboardMarkup keyboard = InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Regenerate").callbackData(DATA).build())).build();
        send(() -> client.execute(EditMessageReplyMarkup.builder().chatId(where.channelId())
                .messageId(Integer.parseInt(messageId)).replyMarkup(keyboard).build()), "add the regenerate button");
    }

    @Override
    public void remove(Location where, List<String> messageIds) {
        for (String id : messageIds) {
            send(() -> client.execute(DeleteMessage.builder().chatId(where.channelId())
                    .messageId(Integer.parseInt(id)).build()), "delete a replaced answer");
        }
    }

    /** On a lane's virtual thread: a press, if it is of this button (else false, for another feature's). */
    boolean press(CallbackQuery query) {
        MaybeInaccessibleMessage pressed = query.getMessage();
        if (!DATA.equals(query.getData()) || pressed == null) {
            return false;
        }
        String chat = String.valueOf(pressed.getChatId());
        boolean group = pressed.getChat() != null && !"private".equals(pressed.getChat().getType());
        Location where = new Location(Platform.TELEGRAM, chat, chat, null);
        String answer = pipeline.regenerate(where, String.valueOf(pressed.getMessageId()),
                String.valueOf(query.getFrom().getId()), question -> sink(pressed.getChatId(), group, question))
                .presserNote();
        try {
            client.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(answer).build());
        } catch (TelegramApiException e) {
            LOG.warn("could not answer a regenerate press: {}", ApiErrors.describe(e));
        }
        return true;
    }

    /** The new answer replies to the question ({@code <chat>:<message>} in the core), in its reply chain. */
    private TelegramReplySink sink(long chatId, boolean group, InboundMessage question) {
        String id = question.messageId();
        return replies.sink(chatId, group, Integer.parseInt(id.substring(id.lastIndexOf(':') + 1)),
                question.conversationRoot());
    }

    private interface Call {
        void run() throws TelegramApiException;
    }

    private void send(Call call, String what) {
        sending.execute(() -> {
            try {
                call.run();
            } catch (TelegramApiException | RuntimeException e) {
                LOG.warn("could not {}: {}", what, e instanceof TelegramApiException api
                        ? ApiErrors.describe(api) : e.toString());
            }
        });
    }
}
