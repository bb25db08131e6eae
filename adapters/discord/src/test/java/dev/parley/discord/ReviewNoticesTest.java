package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.review.ReviewItem;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An admin's warning resolved while the bot shuts down is dropped with a log line, not thrown at the review. */
class ReviewNoticesTest {

    private static final Location WHERE = new Location(Platform.DISCORD, "guild-1", "general", null);
    private static final String WARNING = "please keep it civil";
    private static final ReviewItem ITEM = new ReviewItem("review-9", Instant.EPOCH, ScopeKey.of(WHERE), WHERE, "alice",
            "m-1", Direction.INPUT, "violence", "lexicon", CategoryScores.none(), "0123456789abcdef", null, null);

    private final OutboundDriver driver = UnstartedDriver.create();
    private final GuildMessageChannel general = mock(GuildMessageChannel.class);
    private final CapturedLog log = new CapturedLog(ReviewNotices.class, Level.DEBUG);
    private final ReviewNotices notices = new ReviewNotices(id -> id.equals("general") ? general : null, driver);

    ReviewNoticesTest() {
        when(general.getId()).thenReturn("general");
        MessageCreateAction send = mock(MessageCreateAction.class, RETURNS_SELF);
        when(general.sendMessage(WARNING)).thenReturn(send);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        log.close();
    }

    @Test
    void tell_whileRunning_queuesTheWarning() {
        notices.tell(ITEM, WARNING);

        assertThat(driver.scheduler().pending()).isOne();
        assertThat(log.events()).isEmpty();
    }

    @Test
    void tell_afterTheDriverShutDown_dropsTheWarningAndLogsWhyWithoutItsText() {
        driver.close();

        assertThatCode(() -> notices.tell(ITEM, WARNING)).doesNotThrowAnyException();

        assertThat(driver.scheduler().pending()).isZero();
        assertThat(log.events()).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("channel=general", "review=review-9", "shutting down")
                    .doesNotContain(WARNING);
        });
    }
}
