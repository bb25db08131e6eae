package dev.parley.core.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Waiting items served in turns: round-robin over scopes and, within the scope whose turn it is,
 * round-robin over its users; each user's own items in the order they came. A user with many
 * items therefore delays every other user by at most one item per turn. Not thread-safe.
 */
final class FairLine<E> {

    private final ArrayDeque<ScopeLine<E>> scopeTurns = new ArrayDeque<>();
    private final Map<String, ScopeLine<E>> scopes = new HashMap<>();
    private int size;

    private static final class ScopeLine<E> {
        final String id;
        final ArrayDeque<UserLine<E>> userTurns = new ArrayDeque<>();
        final Map<String, UserLine<E>> users = new HashMap<>();
        int size;

        ScopeLine(String id) {
            this.id = id;
        }
    }

    private static final class UserLine<E> {
        final String id;
        final ArrayDeque<E> items = new ArrayDeque<>();

        UserLine(String id) {
            this.id = id;
        }
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Items {@code user} has waiting in {@code scope}. */
    int waitingFor(String scope, String user) {
        ScopeLine<E> line = scopes.get(scope);
        UserLine<E> mine = line == null ? null : line.users.get(user);
        return mine == null ? 0 : mine.items.size();
    }

    /** How many items would be served before an item that {@code user} of {@code scope} adds now. */
    int aheadOfNext(String scope, String user) {
        ScopeLine<E> line = scopes.get(scope);
        int withinScope = line == null ? 0 : aheadWithin(line, user);
        int ahead = withinScope;
        boolean before = true;
        for (ScopeLine<E> other : scopeTurns) {
            if (other == line) {
                before = false;
                continue;
            }
            // scopes ahead in the rotation are served once more in the round our item is served in
            ahead += Math.min(other.size, before || line == null ? withinScope + 1 : withinScope);
        }
        return ahead;
    }

    private static <E> int aheadWithin(ScopeLine<E> line, String user) {
        UserLine<E> mine = line.users.get(user);
        int own = mine == null ? 0 : mine.items.size();
        int ahead = own;
        boolean before = true;
        for (UserLine<E> other : line.userTurns) {
            if (other == mine) {
                before = false;
                continue;
            }
            ahead += Math.min(other.items.size(), before || mine == null ? own + 1 : own);
        }
        return ahead;
    }

    void add(String scope, String user, E item) {
        ScopeLine<E> line = scopes.computeIfAbsent(scope, id -> {
            ScopeLine<E> fresh = new ScopeLine<>(id);
            scopeTurns.addLast(fresh);
            return fresh;
        });
        UserLine<E> mine = line.users.computeIfAbsent(user, id -> {
            UserLine<E> fresh = new UserLine<>(id);
            line.userTurns.addLast(fresh);
            return fresh;
        });
        mine.items.addLast(item);
        line.size++;
        size++;
    }

    /** The next item in turn, removed; null when nothing waits. */
    @Nullable E poll() {
        ScopeLine<E> line = scopeTurns.pollFirst();
        if (line == null) {
            return null;
        }
        UserLine<E> mine = line.userTurns.pollFirst();
        E item = mine.items.pollFirst();
        line.size--;
        size--;
        if (mine.items.isEmpty()) {
            line.users.remove(mine.id);
        } else {
            line.userTurns.addLast(mine);
        }
        if (line.size == 0) {
            scopes.remove(line.id);
        } else {
            scopeTurns.addLast(line);
        }
        return item;
    }

    /** Removes {@code user}'s waiting items in {@code scope} that {@code which} accepts, and returns them. */
    List<E> removeIf(String scope, String user, Predicate<? super E> which) {
        ScopeLine<E> line = scopes.get(scope);
        UserLine<E> mine = line == null ? null : line.users.get(user);
        if (mine == null) {
            return List.of();
        }
        List<E> removed = new ArrayList<>();
        for (Iterator<E> it = mine.items.iterator(); it.hasNext(); ) {
            E item = it.next();
            if (which.test(item)) {
                it.remove();
                removed.add(item);
            }
        }
        line.size -= removed.size();
        size -= removed.size();
        if (mine.items.isEmpty()) {
            line.users.remove(user);
            line.userTurns.remove(mine);
        }
        if (line.size == 0) {
            scopes.remove(scope);
            scopeTurns.remove(line);
        }
        return removed;
    }

    /** Removes one item of {@code user} in {@code scope}; whether it was waiting. */
    boolean remove(String scope, String user, E item) {
        return !removeIf(scope, user, candidate -> candidate == item).isEmpty();
    }
}
