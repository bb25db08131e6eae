package dev.parley.core.review;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The port to where review items are kept; they must survive restarts in production. */
public interface ReviewStore {

    /** Keeps a new pending item; false (and nothing kept) when its id is taken. */
    boolean add(ReviewItem item);

    /** The item {@code id}, pending or resolved. */
    Optional<ReviewItem> find(String id);

    /** The scope's pending items, oldest first, at most {@code limit}. */
    List<ReviewItem> pending(ScopeKey scope, int limit);

    /** The scope's resolved items, most recently resolved first, at most {@code limit}. */
    List<ReviewItem> resolved(ScopeKey scope, int limit);

    /**
     * Resolves the item {@code id} as {@code how} if nobody has: atomically, so of two admins
     * resolving at once exactly one gets true.
     */
    boolean resolve(String id, Resolution how);

    /**
     * Makes the item {@code id} pending again if it is still resolved as {@code how}: the claim of
     * an action that failed, given back so another admin can act. Whether it was released.
     */
    boolean release(String id, Resolution how);

    /** Deletes the items resolved before {@code before}, never a pending one; how many there were. */
    int purgeResolvedBefore(Instant before);
}
