package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.privacy.DataSubject;
import dev.parley.core.regenerate.ShownAnswer;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Regenerable answers in {@code regenerable_answer} on H2 and PostgreSQL: kept whole, found, pruned, forgotten. */
class JdbcAnswerStoreTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00.123456Z");
    private static final Location THREAD = new Location(Platform.DISCORD, "guild-1", "chan-1", "thread-9");

    private final List<TestDatabase> copies = new ArrayList<>();

    @AfterEach
    void dropCopies() {
        copies.forEach(TestDatabase::drop);
    }

    private JdbcClient migrated(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        copies.add(copy);
        return JdbcClient.create(copy.dataSource());
    }

    private static ShownAnswer answer(String question, String... shownBy) {
        var author = new Author("u-7", "Ana", Set.of("role-1", "role-2"), false, false);
        var message = new InboundMessage("q-" + question, THREAD, author, "what about " + question + "?", "r-1", true,
                false, AT.minusSeconds(5), "root-3");
        return new ShownAnswer(message, "An answer, with a comma.", List.of(shownBy),
                CompletableFuture.completedFuture(OptionalLong.empty()));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void save_thenFind_givesTheAnswerAndItsQuestionBackWhole(TestDatabase database) {
        var store = new JdbcAnswerStore(migrated(database));
        ShownAnswer saved = answer("cats", "m-1", "m-2");
        store.save(saved, AT);
        store.recorded(THREAD, "m-2", 42);

        ShownAnswer found = store.find(THREAD, "m-2", AT.minus(Duration.ofHours(24))).orElseThrow();

        assertThat(found.question()).isEqualTo(saved.question());
        assertThat(found.answer()).isEqualTo(saved.answer());
        assertThat(found.shownBy()).containsExactly("m-1", "m-2");
        assertThat(found.recorded().toCompletableFuture().join()).hasValue(42);
        assertThat(store.find(THREAD, "m-1", AT.minusSeconds(1))).as("only the button's message").isEmpty();
        assertThat(store.find(THREAD, "m-2", AT.plusSeconds(1))).as("shown before the period").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void deleteShownBefore_dropsTheExpired_andAllButTheLatest(TestDatabase database) {
        var store = new JdbcAnswerStore(migrated(database));
        for (int i = 0; i < 5; i++) {
            store.save(answer("q" + i, "m-" + i), AT.plusSeconds(i));
        }

        store.deleteShownBefore(AT.plusSeconds(1), 3);

        assertThat(store.find(THREAD, "m-0", Instant.EPOCH)).isEmpty();
        assertThat(store.find(THREAD, "m-1", Instant.EPOCH)).as("kept at most 3: the latest").isEmpty();
        assertThat(store.find(THREAD, "m-2", Instant.EPOCH)).isPresent();
        assertThat(store.find(THREAD, "m-4", Instant.EPOCH)).isPresent();
        store.delete(THREAD, "m-4");
        assertThat(store.find(THREAD, "m-4", Instant.EPOCH)).isEmpty();
    }

    @Test
    void forget_deletesTheUsersAnswersInTheScope() {
        JdbcClient jdbc = migrated(TestDatabase.all().findFirst().orElseThrow());
        var store = new JdbcAnswerStore(jdbc);
        store.save(answer("cats", "m-1"), AT);
        var data = new JdbcRegenerableData(jdbc);
        var subject = new DataSubject(new ScopeKey(Platform.DISCORD, "guild-1"), "u-7");

        assertThat(data.export(subject).rows()).singleElement()
                .satisfies(row -> assertThat(row.get("question_text")).isEqualTo("what about cats?"));
        assertThat(data.forget(subject).deleted()).isEqualTo(1);
        assertThat(store.find(THREAD, "m-1", Instant.EPOCH)).isEmpty();
    }
}
