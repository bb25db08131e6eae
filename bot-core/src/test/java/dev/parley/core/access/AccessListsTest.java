package dev.parley.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.Messages;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessListsTest {

    private static final ScopeKey GUILD = ScopeKey.of(Messages.GENERAL);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Author MEMBER = new Author("carol", "Carol", Set.of("newcomer"), false, false);
    private static final Author HELPER = new Author("dave", "Dave", Set.of("newcomer", "helper"), false, false);

    private final AccessLists lists = new AccessLists(new InMemoryAccessListStore());

    private static AccessEntry entry(AccessKind kind, String id, AccessMode mode) {
        return new AccessEntry(kind, id, mode, "why", "admin", AT);
    }

    private static InboundMessage from(Author author) {
        return Messages.mention(author, "hello");
    }

    @Test
    void blocking_nobodyIsBlockedByAnEmptyList() {
        assertThat(lists.blocking(from(MEMBER))).isEmpty();
    }

    @Test
    void blocking_aBlockedUserIsKeptAwayInTheirScopeOnly() {
        lists.put(GUILD, entry(AccessKind.USER, "carol", AccessMode.BLOCK));

        assertThat(lists.blocking(from(MEMBER))).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo("why"));
        assertThat(lists.blocking(Messages.message(Messages.OTHER_GUILD, MEMBER, "hi", true))).isEmpty();
        assertThat(lists.blocking(from(Messages.BOB))).isEmpty();
    }

    @Test
    void blocking_aRoleBlocksItsMembersUnlessAnotherOfTheirRolesIsAllowed() {
        lists.put(GUILD, entry(AccessKind.ROLE, "newcomer", AccessMode.BLOCK));
        lists.put(GUILD, entry(AccessKind.ROLE, "helper", AccessMode.ALLOW));

        assertThat(lists.blocking(from(MEMBER))).isPresent();
        assertThat(lists.blocking(from(HELPER))).isEmpty();
    }

    @Test
    void blocking_theUsersOwnEntryBeatsRoleAndChannel() {
        lists.put(GUILD, entry(AccessKind.CHANNEL, "general", AccessMode.BLOCK));
        lists.put(GUILD, entry(AccessKind.ROLE, "newcomer", AccessMode.BLOCK));
        lists.put(GUILD, entry(AccessKind.USER, "carol", AccessMode.ALLOW));

        assertThat(lists.blocking(from(MEMBER))).isEmpty();
        assertThat(lists.blocking(from(Messages.BOB))).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AccessKind.CHANNEL));
    }

    @Test
    void blocking_aBlockedChannelKeepsEveryoneAwayThereOnly() {
        lists.put(GUILD, entry(AccessKind.CHANNEL, "general", AccessMode.BLOCK));

        assertThat(lists.blocking(from(Messages.BOB))).isPresent();
        Location elsewhere = new Location(Platform.DISCORD, "guild-1", "random", null);
        assertThat(lists.blocking(Messages.message(elsewhere, Messages.BOB, "hi", true))).isEmpty();
    }

    @Test
    void remove_liftsTheBlockAtOnceAndSaysWhetherThereWasOne() {
        lists.put(GUILD, entry(AccessKind.USER, "carol", AccessMode.BLOCK));
        assertThat(lists.blocking(from(MEMBER))).isPresent();

        assertThat(lists.remove(GUILD, AccessKind.USER, "carol")).isTrue();
        assertThat(lists.blocking(from(MEMBER))).isEmpty();
        assertThat(lists.remove(GUILD, AccessKind.USER, "carol")).isFalse();
    }

    @Test
    void put_replacesTheEntryForTheSameTarget() {
        lists.put(GUILD, entry(AccessKind.USER, "carol", AccessMode.BLOCK));
        lists.put(GUILD, entry(AccessKind.USER, "carol", AccessMode.ALLOW));

        assertThat(lists.entries(GUILD)).singleElement().extracting(AccessEntry::mode).isEqualTo(AccessMode.ALLOW);
    }
}
