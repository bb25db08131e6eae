package dev.parley.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataHoldersTest {

    private static final ScopeKey GROUP = new ScopeKey(Platform.TELEGRAM, "-100");
    private static final DataSubject ALICE = new DataSubject(GROUP, "1");
    private static final DataSubject BOB = new DataSubject(GROUP, "2");
    private static final DataSubject ALICE_ELSEWHERE = new DataSubject(new ScopeKey(Platform.TELEGRAM, "-200"), "1");

    private final FakeClock clock = new FakeClock();
    private final ListedRows conversation = new ListedRows("conversation")
            .add(ALICE, Map.of("user_text", "hi"))
            .add(BOB, Map.of("user_text", "bob's"))
            .add(ALICE_ELSEWHERE, Map.of("user_text", "other group"));
    private final ListedRows usage = new ListedRows("usage").add(ALICE, Map.of("messages", 3));

    @Test
    void export_listsEachStoresSectionInOrderWithOnlyTheSubjectsRowsOfThatScope() {
        PersonalDataExport export = new PersonalDataHolders(List.of(conversation, usage), clock).export(ALICE);

        assertThat(export.sections()).extracting(ExportSection::name).containsExactly("conversation", "usage");
        assertThat(export.sections().getFirst().rows()).containsExactly(Map.of("user_text", "hi"));
        assertThat(export.rows()).isEqualTo(2);
        assertThat(export.madeAt()).isEqualTo(clock.instant());
        assertThat(export.unreadable()).isEmpty();
    }

    @Test
    void export_aFailingStoreIsNamedAndTheOthersStillExported() {
        PersonalDataExport export = new PersonalDataHolders(List.of(ListedRows.failing("feedback"), usage), clock)
                .export(ALICE);

        assertThat(export.unreadable()).containsExactly("feedback");
        assertThat(export.sections()).extracting(ExportSection::name).containsExactly("usage");
    }

    @Test
    void forget_deletesTheSubjectsRowsInThatScopeOnlyAndGoesOnPastAFailure() {
        ForgetReport report = new PersonalDataHolders(List.of(conversation, ListedRows.failing("feedback"), usage), clock)
                .forget(ALICE);

        assertThat(report.deleted()).isEqualTo(2);
        assertThat(report.failed()).containsExactly("feedback");
        assertThat(report.complete()).isFalse();
        assertThat(conversation.export(BOB).rows()).hasSize(1);
        assertThat(conversation.export(ALICE_ELSEWHERE).rows()).hasSize(1);
        assertThat(conversation.export(ALICE).rows()).isEmpty();
        assertThat(usage.size()).isZero();
    }

    @Test
    void forgetReport_namesWhatWasKeptOnce() {
        ForgetReport report = new ForgetReport(List.of(new Erasure("access", 1, List.of("an admin's ban")),
                new Erasure("other", 0, List.of("an admin's ban", "your opt-out"))), List.of());

        assertThat(report.kept()).containsExactly("an admin's ban", "your opt-out");
        assertThat(report.complete()).isTrue();
    }
}
