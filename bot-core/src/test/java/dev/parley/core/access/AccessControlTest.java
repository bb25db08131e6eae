package dev.parley.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.Messages;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessControlTest {

    private static final ScopeKey GUILD = ScopeKey.of(Messages.GENERAL);
    private static final Verdict.Block VIOLENCE = new Verdict.Block("lexicon", "violence", "listed term");

    private final FakeClock clock = new FakeClock();
    private final AccessControl access = AccessControl.inMemory(new InMemoryAuditLog(), clock);

    private void block(String user) {
        access.lists().put(GUILD, new AccessEntry(AccessKind.USER, user, AccessMode.BLOCK, "spam", "admin", clock.instant()));
    }

    @Test
    void check_aBlockedUserIsToldOncePerIntervalThenIgnored() {
        block("bob");
        InboundMessage question = Messages.mention(Messages.BOB, "hello");

        assertThat(access.check(question, false)).hasValueSatisfying(d ->
                assertThat(d.notice()).isEqualTo("You are blocked from using the bot here: spam."));
        assertThat(access.check(question, false)).hasValueSatisfying(d -> assertThat(d.notice()).isNull());
        clock.advance(AccessControl.DEFAULT_NOTICE_EVERY);
        assertThat(access.check(question, false)).hasValueSatisfying(d -> assertThat(d.notice()).isNotNull());
    }

    @Test
    void check_anAdminsCommandsPassEvenWhenBlockedButTheirQuestionsDoNot() {
        block("admin");

        assertThat(access.check(Messages.mention(Messages.ADMIN, "/bot unblock user admin"), true)).isEmpty();
        assertThat(access.check(Messages.mention(Messages.ADMIN, "hello"), false)).isPresent();
    }

    @Test
    void check_aBlockedMembersCommandsAreRefusedToo() {
        block("bob");

        assertThat(access.check(Messages.mention(Messages.BOB, "/help"), true)).isPresent();
    }

    @Test
    void check_aMutedUserIsToldWhyAndUntilWhen() {
        access.mutes().mute(GUILD, "bob", clock.instant().plus(Duration.ofHours(1)), "3 blocked messages within 24 h",
                Mutes.BY_STRIKES);

        assertThat(access.check(Messages.mention(Messages.BOB, "hello"), false)).hasValueSatisfying(d -> assertThat(d.notice())
                .isEqualTo("You are muted from the bot here until 2026-01-01 01:00:00 UTC: 3 blocked messages within 24 h."));
        clock.advance(Duration.ofHours(1));
        assertThat(access.check(Messages.mention(Messages.BOB, "hello"), false)).isEmpty();
    }

    @Test
    void strike_theThirdBlockAddsTheMuteToTheNotice() {
        InboundMessage blocked = Messages.mention(Messages.BOB, "something blocked");

        assertThat(access.strike(blocked, VIOLENCE)).isEmpty();
        assertThat(access.strike(blocked, VIOLENCE)).isEmpty();
        assertThat(access.strike(blocked, VIOLENCE))
                .isEqualTo(" You are muted from the bot here until 2026-01-01 01:00:00 UTC: 3 blocked messages within 24 h.");
    }

    @Test
    void check_aScopeTheOperatorBlockedIsIgnoredSilently() {
        Mutes mutes = new Mutes(new InMemoryMuteStore(), clock);
        AccessControl operator = new AccessControl(new ServedScopes(Set.of(GUILD), Set.of(), false),
                new AccessLists(new InMemoryAccessListStore()), mutes,
                new Strikes(new InMemoryStrikeStore(), mutes, new InMemoryAuditLog(), clock, StrikePolicy.DEFAULT),
                clock, AccessControl.DEFAULT_NOTICE_EVERY);

        assertThat(operator.check(Messages.mention(Messages.ADMIN, "/help"), true))
                .hasValueSatisfying(d -> assertThat(d.notice()).isNull());
        assertThat(operator.check(Messages.message(Messages.OTHER_GUILD, Messages.BOB, "hi", true), false)).isEmpty();
    }

    @Test
    void servedScopes_anAllowListServesOnlyItsGroupsAndEveryDirectMessage() {
        ScopeKey listed = new ScopeKey(Platform.TELEGRAM, "-100");
        ServedScopes served = new ServedScopes(Set.of(), Set.of(listed), true);

        assertThat(served.serves(listed, false)).isTrue();
        assertThat(served.serves(new ScopeKey(Platform.TELEGRAM, "-200"), false)).isFalse();
        assertThat(served.serves(new ScopeKey(Platform.TELEGRAM, "42"), true)).isTrue();
        assertThat(served.leaves(new ScopeKey(Platform.TELEGRAM, "-200"))).isTrue();
        assertThat(served.leaves(listed)).isFalse();
    }

    @Test
    void durationWords_readAndWriteTheUnitsAdminsType() {
        assertThat(DurationWords.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(DurationWords.parse("24h")).contains(Duration.ofHours(24));
        assertThat(DurationWords.parse("2d")).contains(Duration.ofDays(2));
        assertThat(DurationWords.parse("0h")).isEmpty();
        assertThat(DurationWords.parse("1 hour")).isEmpty();
        assertThat(DurationWords.format(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(DurationWords.format(Duration.ofDays(1))).isEqualTo("24 h");
        assertThat(DurationWords.format(Duration.ofDays(2))).isEqualTo("2 d");
    }
}
