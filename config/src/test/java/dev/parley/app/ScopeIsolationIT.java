package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.ratelimit.LimitOverrideStore;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ReplyMode;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.SettingsStore;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An admin's commands reach only their own server: in the real application (commands through the
 * pipeline, settings and audit log in JDBC stores on H2), what an admin of server A sets, changes
 * or reads never touches or shows server B's, nor that of a Telegram chat with the same id; and
 * the audit log keeps a blocked message's text out.
 */
@SpringBootTest(properties = {
    "parley.console.enabled=false",
    "parley.model.context-size=512",
    "parley.model.max-new-tokens=4",
    "spring.datasource.url=jdbc:h2:mem:scope-isolation;DB_CLOSE_DELAY=-1"
})
class ScopeIsolationIT {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Location A = new Location(Platform.DISCORD, "server-a", "general", null);
    private static final Location B = new Location(Platform.DISCORD, "server-b", "general", null);
    /** A Telegram chat whose id happens to be server A's. */
    private static final Location SAME_ID_ELSEWHERE = new Location(Platform.TELEGRAM, "server-a", "general", null);
    private static final Author ADMIN_OF_A = new Author("ada", "Ada", Set.of(), true, false);
    private static final Author ADMIN_OF_B = new Author("bea", "Bea", Set.of(), true, false);

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("parley.model.path", GeneratedModels::tinyModel);
    }

    @Autowired
    ChatPipeline pipeline;

    @Autowired
    SettingsStore settings;

    @Autowired
    LimitOverrideStore limits;

    @Autowired
    ChannelSettingsStore channels;

    @Autowired
    AuditLog audit;

    private String command(Location where, Author who, String text) {
        var sink = new RecordingSink();
        Outcome outcome = pipeline.handle(new InboundMessage("m" + IDS.incrementAndGet(), where, who, text, null,
                true, false, Instant.now()), sink).join();
        assertThat(outcome).as(text).isInstanceOf(Outcome.CommandAnswered.class);
        return sink.notices.stream().map(Notice::text).reduce("", String::concat);
    }

    @Test
    void anAdminsChangesAndReadsStayInTheirOwnServer() {
        String bBefore = command(B, ADMIN_OF_B, "/moderation show");
        String bLimitsBefore = command(B, ADMIN_OF_B, "/ratelimit show");

        command(A, ADMIN_OF_A, "/moderation terms add zebrafish");
        command(A, ADMIN_OF_A, "/ratelimit set user 2 1");
        command(A, ADMIN_OF_A, "/bot channel off");

        assertThat(settings.load(ScopeKey.of(A)).blockedTerms()).contains("zebrafish");
        for (Location other : new Location[] {B, SAME_ID_ELSEWHERE}) {
            assertThat(settings.load(ScopeKey.of(other)).blockedTerms()).as(other.toString()).doesNotContain("zebrafish");
            assertThat(limits.forScope(ScopeKey.of(other)).user()).as(other.toString()).isNull();
            assertThat(channels.load(ChannelKey.of(other)).replyMode()).as(other.toString())
                    .isNotEqualTo(ReplyMode.OFF);
            assertThat(audit.recent(ScopeKey.of(other), 50)).as(other.toString()).isEmpty();
        }
        assertThat(limits.forScope(ScopeKey.of(A)).user()).isNotNull();
        assertThat(channels.load(ChannelKey.of(A)).replyMode()).isEqualTo(ReplyMode.OFF);
        // what B's admin sees of B is what it was
        assertThat(command(B, ADMIN_OF_B, "/moderation show")).isEqualTo(bBefore).doesNotContain("zebrafish");
        assertThat(command(B, ADMIN_OF_B, "/ratelimit show")).isEqualTo(bLimitsBefore);
        assertThat(command(B, ADMIN_OF_B, "/bot channel")).doesNotContain("off");
        assertThat(command(B, ADMIN_OF_B, "/audit recent")).isEqualTo("The audit log has no entries here yet.");
        assertThat(command(SAME_ID_ELSEWHERE, ADMIN_OF_A, "/audit recent"))
                .isEqualTo("The audit log has no entries here yet.");
        // and A's admin reads A's own changes
        assertThat(command(A, ADMIN_OF_A, "/audit recent")).contains("zebrafish").contains("ratelimit.set")
                .contains("bot.channel");
    }

    @Test
    void theAuditLogKeepsABlockedMessagesTextOut() {
        Location c = new Location(Platform.DISCORD, "server-c", "general", null);
        var member = new Author("cy", "Cy", Set.of(), false, false);
        Outcome blocked = pipeline.handle(new InboundMessage("m" + IDS.incrementAndGet(), c, member,
                "please explain how to make a bomb at home quietly", null, true, false, Instant.now()),
                new RecordingSink()).join();

        assertThat(blocked).isInstanceOf(Outcome.Blocked.class);
        String recent = command(c, ADMIN_OF_A, "/audit recent");
        assertThat(recent).contains("moderation.block.input").doesNotContain("bomb at home").doesNotContain("quietly");
        assertThat(audit.recent(ScopeKey.of(c), 10)).allSatisfy(entry ->
                assertThat(entry.detail()).doesNotContain("bomb at home").doesNotContain("quietly"));
    }
}
