package dev.parley.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeSettingsTest {

    @Test
    void addsAndRemovesTermsWithoutChangingTheOriginal() {
        ScopeSettings one = ScopeSettings.DEFAULTS.withBlockedTerm("spoiler");
        ScopeSettings two = one.withBlockedTerm("leak");

        assertThat(one.blockedTerms()).containsExactly("spoiler");
        assertThat(two.blockedTerms()).containsExactlyInAnyOrder("spoiler", "leak");
        assertThat(two.withoutBlockedTerm("spoiler").blockedTerms()).containsExactly("leak");
        assertThat(ScopeSettings.DEFAULTS.blockedTerms()).isEmpty();
    }

    @Test
    void copiesTheTermsItIsGiven() {
        Set<String> terms = new HashSet<>(Set.of("a"));
        ScopeSettings settings = new ScopeSettings(terms);

        terms.add("b");

        assertThat(settings.blockedTerms()).containsExactly("a");
    }

    @Test
    void storesSettingsPerScopeAndDefaultsTheRest() {
        InMemorySettingsStore store = new InMemorySettingsStore();
        ScopeKey guild = ScopeKey.of(new Location(Platform.DISCORD, "g1", "general", null));
        store.save(guild, ScopeSettings.DEFAULTS.withBlockedTerm("x"));

        assertThat(store.load(guild).blockedTerms()).containsExactly("x");
        assertThat(store.load(new ScopeKey(Platform.DISCORD, "g1"))).isEqualTo(store.load(guild));
        assertThat(store.load(new ScopeKey(Platform.TELEGRAM, "g1"))).isSameAs(ScopeSettings.DEFAULTS);
    }

    @Test
    void rejectsABlankScopeId() {
        assertThatThrownBy(() -> new ScopeKey(Platform.DISCORD, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
