package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A block reported while the bot shuts down is dropped with a log line, not thrown at the moderation that reported it. */
class AuditChannelPosterTest {

    private static final Location WHERE = new Location(Platform.DISCORD, "guild-1", "general", null);
    private static final String EXCERPT = "a redacted excerpt";

    private final OutboundDriver driver = UnstartedDriver.create();
    private final GuildMessageChannel audit = mock(GuildMessageChannel.class);
    private final CapturedLog log = new CapturedLog(AuditChannelPoster.class, Level.DEBUG);
    private final AuditChannelPoster poster = new AuditChannelPoster(id -> id.equals("audit") ? audit : null, driver);

    AuditChannelPosterTest() {
        Guild guild = mock(Guild.class);
        when(guild.getId()).thenReturn("guild-1");
        when(audit.getGuild()).thenReturn(guild);
        when(audit.getId()).thenReturn("audit");
        MessageCreateAction post = mock(MessageCreateAction.class, RETURNS_SELF);
        when(audit.sendMessage(AuditChannelPoster.text(report()))).thenReturn(post);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        log.close();
    }

    @Test
    void report_whileRunning_queuesThePost() {
        poster.report(report());

        assertThat(driver.scheduler().pending()).isOne();
        assertThat(log.events()).isEmpty();
    }

    @Test
    void report_afterTheDriverShutDown_dropsThePostAndLogsWhyWithoutItsText() {
        driver.close();

        assertThatCode(() -> poster.report(report())).doesNotThrowAnyException();

        assertThat(driver.scheduler().pending()).isZero();
        assertThat(log.events()).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("audit_channel=audit", "review=review-9", "shutting down")
                    .doesNotContain(EXCERPT);
        });
    }

    private static BlockReport report() {
        return new BlockReport(Instant.EPOCH, ScopeKey.of(WHERE), WHERE, "audit", "alice", "m-1", Direction.INPUT,
                "violence", "lexicon", CategoryScores.none(), "0123456789abcdef", EXCERPT, "review-9");
    }
}
