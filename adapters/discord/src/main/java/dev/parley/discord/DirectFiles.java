package dev.parley.discord;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.Platform;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.privacy.PrivateDelivery;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.FileUpload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a file to a user as a direct message: opens (or finds) the DM channel and posts the file
 * there. Called from the core's command handling, off JDA's threads, so it waits for Discord, for
 * {@link #WAIT} at most. A user whose settings refuse DMs (Discord's 50007) gets nothing, and the
 * caller says so where they asked.
 */
final class DirectFiles implements PrivateDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(DirectFiles.class);
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Supplier<@Nullable ShardManager> shards;

    DirectFiles(Supplier<@Nullable ShardManager> shards) {
        this.shards = shards;
    }

    @Override
    public Outcome send(Platform platform, Author user, ExportFile file) {
        ShardManager running = shards.get();
        if (platform != Platform.DISCORD || running == null) {
            return Outcome.UNSUPPORTED;
        }
        try {
            running.retrieveUserById(user.id())
                    .flatMap(found -> found.openPrivateChannel())
                    .flatMap(dm -> dm.sendMessage(file.caption())
                            .addFiles(FileUpload.fromData(file.content(), file.name()))
                            .setAllowedMentions(ChannelReplySink.NO_MENTIONS))
                    .submit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.SENT;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ErrorResponseException refused
                    && refused.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER) {
                return Outcome.NO_PRIVATE_CHAT;
            }
            LOG.warn("could not send a direct file: {}", String.valueOf(e.getCause()));
            return Outcome.FAILED;
        } catch (TimeoutException e) {
            LOG.warn("sending a direct file took longer than {}", WAIT);
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        }
    }
}
