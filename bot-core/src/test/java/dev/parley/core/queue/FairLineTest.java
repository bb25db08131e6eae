package dev.parley.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FairLineTest {

    private final FairLine<String> line = new FairLine<>();

    private List<String> drain() {
        List<String> order = new ArrayList<>();
        for (String next = line.poll(); next != null; next = line.poll()) {
            order.add(next);
        }
        return order;
    }

    private void add(String scope, String user, int count) {
        for (int i = 1; i <= count; i++) {
            line.add(scope, user, user + i);
        }
    }

    @Test
    void aFloodingUserDelaysOthersByOneTurnAtMost() {
        add("guild", "a", 20);
        add("guild", "b", 1);
        add("guild", "c", 1);

        List<String> order = drain();

        assertThat(order.subList(0, 3)).containsExactly("a1", "b1", "c1");
        assertThat(order.subList(3, 22)).allMatch(item -> item.startsWith("a"));
    }

    @Test
    void keepsEachUsersOwnRequestsInTheOrderTheyCame() {
        add("guild", "a", 3);
        add("guild", "b", 3);

        assertThat(drain()).containsExactly("a1", "b1", "a2", "b2", "a3", "b3");
    }

    @Test
    void takesTurnsAcrossScopesBeforeUsersSoABusyServerCannotCrowdOutAQuietOne() {
        add("busy", "a", 3);
        add("busy", "b", 3);
        add("busy", "c", 3);
        add("quiet", "z", 2);

        assertThat(drain()).startsWith("a1", "z1", "b1", "z2", "c1", "a2");
    }

    @Test
    void estimatesHowManyAreAheadOfTheNextRequest() {
        assertThat(line.aheadOfNext("guild", "a")).isZero();
        add("guild", "a", 20);

        assertThat(line.aheadOfNext("guild", "a")).as("a's own backlog").isEqualTo(20);
        assertThat(line.aheadOfNext("guild", "b")).as("one turn of a").isEqualTo(1);
        assertThat(line.aheadOfNext("other", "z")).as("one turn of the other scope").isEqualTo(1);

        add("guild", "b", 1);
        assertThat(line.aheadOfNext("guild", "b")).as("b's own and two turns of a").isEqualTo(3);
        line.add("guild", "b", "b-next");
        List<String> order = drain();
        assertThat(order.indexOf("b-next")).as("b's second request after a's second").isEqualTo(3);
    }

    @Test
    void removingAUsersOnlyRequestTakesThemOutOfTheTurns() {
        add("guild", "a", 2);
        line.add("guild", "b", "b1");

        assertThat(line.remove("guild", "b", "b1")).isTrue();

        assertThat(line.size()).isEqualTo(2);
        assertThat(line.waitingFor("guild", "b")).isZero();
        assertThat(drain()).containsExactly("a1", "a2");
        assertThat(line.isEmpty()).isTrue();
    }

    @Test
    void removeIfTakesOnlyTheMatchingRequests() {
        add("guild", "a", 4);

        assertThat(line.removeIf("guild", "a", item -> item.endsWith("2") || item.endsWith("4")))
                .containsExactly("a2", "a4");

        assertThat(drain()).containsExactly("a1", "a3");
    }

    @Test
    void givesEveryEquallyBusyUserTheSameShareWithinOneTurnWhateverTheArrivalOrder() {
        List<String[]> arrivals = new ArrayList<>();
        for (int user = 0; user < 1000; user++) {
            for (int i = 0; i < 20; i++) {
                arrivals.add(new String[] {"server-" + user % 10, "user-" + user});
            }
        }
        Collections.shuffle(arrivals, new Random(42));
        arrivals.forEach(a -> line.add(a[0], a[1], a[1]));

        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            served.merge(line.poll(), 1, Integer::sum);
        }

        assertThat(served).hasSize(1000);
        assertThat(served.values()).allMatch(count -> count == 10);
    }
}
