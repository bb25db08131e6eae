package dev.parley.telegram;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.Platform;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.privacy.PrivateDelivery;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends a file to a user's private chat with the bot ({@code sendDocument} to the user's id,
 * which is that chat's id). Telegram refuses (403) when the user never started a chat with the
 * bot or blocked it: then nothing is sent anywhere, and the caller says so where the user asked.
 */
final class PrivateFiles implements PrivateDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

    private final TelegramClient client;

    PrivateFiles(TelegramClient client) {
        this.client = client;
    }

    @Override
    public Outcome send(Platform platform, Author user, ExportFile file) {
        if (platform != Platform.TELEGRAM) {
            return Outcome.UNSUPPORTED;
        }
        SendDocument document = SendDocument.builder().chatId(user.id())
                .document(new InputFile(new ByteArrayInputStream(file.content()), file.name()))
                .caption(file.caption()).build();
        try {
            client.execute(document);
            return Outcome.SENT;
        } catch (TelegramApiException e) {
            if (noPrivateChat(e)) {
                return Outcome.NO_PRIVATE_CHAT;
            }
            LOG.warn("could not send a private file: {}", ApiErrors.describe(e));
            return Outcome.FAILED;
        }
    }

    /** 403 (never started, or blocked the bot) or 400 "chat not found": there is no private chat. */
    private static boolean noPrivateChat(TelegramApiException e) {
        return e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                && (request.getErrorCode() == 403 || (request.getErrorCode() == 400
                        && String.valueOf(request.getApiResponse()).toLowerCase(java.util.Locale.ROOT).contains("chat not found")));
    }
}
