package dev.parley.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboundMessageTest {

    private static final Author ALICE = new Author("alice", "Alice", Set.of(), false, false);
    private static final Location CHANNEL = new Location(Platform.DISCORD, "guild", "general", null);
    private static final Location THREAD = new Location(Platform.DISCORD, "guild", "general", "thread-7");

    private static InboundMessage message(Location location, boolean mentionsBot, boolean directMessage) {
        return new InboundMessage("m1", location, ALICE, "hi", null, mentionsBot, directMessage, Instant.EPOCH);
    }

    @Test
    void isAddressedToTheBotWhenItMentionsTheBotOrIsADirectMessage() {
        assertThat(message(CHANNEL, true, false).addressedToBot()).isTrue();
        assertThat(message(CHANNEL, false, true).addressedToBot()).isTrue();
        assertThat(message(CHANNEL, false, false).addressedToBot()).isFalse();
    }

    @Test
    void continuesOneConversationPerThread() {
        assertThat(message(CHANNEL, true, false).conversationKey()).isEqualTo(new ConversationKey(CHANNEL, null));
        assertThat(message(THREAD, true, false).conversationKey()).isEqualTo(new ConversationKey(THREAD, "thread-7"));
        assertThat(message(THREAD, true, false).conversationKey())
                .isNotEqualTo(message(CHANNEL, true, false).conversationKey());
    }

    @Test
    void aReplyChainRootNamesTheConversationWithinItsLocation() {
        InboundMessage inChain = new InboundMessage("m2", THREAD, ALICE, "hi", "m1", true, false, Instant.EPOCH, "root-1");
        InboundMessage otherChain = new InboundMessage("m3", THREAD, ALICE, "hi", null, true, false, Instant.EPOCH, "root-2");

        assertThat(inChain.conversationKey()).isEqualTo(new ConversationKey(THREAD, "root-1"));
        assertThat(otherChain.conversationKey()).isNotEqualTo(inChain.conversationKey());
        assertThat(message(THREAD, true, false).conversationRoot()).as("the 8-argument constructor sets none").isNull();
    }

    @Test
    void rejectsABlankScopeOrChannel() {
        assertThatThrownBy(() -> new Location(Platform.TELEGRAM, "", "c", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Location(Platform.TELEGRAM, "s", " ", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesTheAuthorsRoles() {
        Set<String> roles = new HashSet<>(Set.of("mod"));
        Author author = new Author("a", "A", roles, true, false);

        roles.add("owner");

        assertThat(author.roles()).containsExactly("mod");
    }
}
