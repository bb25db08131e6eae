package dev.parley.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Platform;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScopeListsTest {

    private static final ScopeKey GUILD = new ScopeKey(Platform.DISCORD, "g1");
    private static final ScopeKey OTHER = new ScopeKey(Platform.DISCORD, "g2");

    private final ScopeLists<String> lists = new ScopeLists<>();

    @Test
    void aScopeNeverWrittenTo_isEmpty() {
        assertThat(lists.get(GUILD)).isEmpty();
        assertThat(lists.removeIf(GUILD, e -> true)).isZero();
        assertThat(lists.get(GUILD)).isEmpty();
    }

    @Test
    void add_appendsInOrder_andReplacesOnlyWhatItSaysInItsOwnScope() {
        lists.add(GUILD, "apple");
        lists.add(GUILD, "banana");
        lists.add(OTHER, "avocado");

        lists.add(GUILD, "apricot", e -> e.startsWith("a"));

        assertThat(lists.get(GUILD)).containsExactly("banana", "apricot");
        assertThat(lists.get(OTHER)).containsExactly("avocado");
    }

    @Test
    void removeIf_countsWhatItRemoved() {
        lists.add(GUILD, "apple");
        lists.add(GUILD, "banana");
        lists.add(GUILD, "avocado");

        assertThat(lists.removeIf(GUILD, e -> e.startsWith("a"))).isEqualTo(2);
        assertThat(lists.removeIf(GUILD, e -> e.startsWith("a"))).isZero();
        assertThat(lists.get(GUILD)).containsExactly("banana");
    }

    @Test
    void get_isASnapshotThatLaterChangesDoNotTouch() {
        lists.add(GUILD, "apple");
        List<String> before = lists.get(GUILD);

        lists.add(GUILD, "banana");

        assertThat(before).containsExactly("apple");
        assertThatThrownBy(() -> before.add("cherry")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentAdds_areAllKept() {
        try (var threads = Executors.newFixedThreadPool(4)) {
            IntStream.range(0, 400).forEach(i -> threads.submit(() -> lists.add(GUILD, "e" + i)));
        }

        assertThat(lists.get(GUILD)).hasSize(400).doesNotHaveDuplicates();
    }
}
