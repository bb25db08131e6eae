package dev.parley.core.access;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Counts each prompt of an author that moderation blocked as a strike in its scope and, when the
 * scope's policy says so, mutes the author. Strikes that led to a mute are spent: after it only
 * newer ones count.
 */
public final class Strikes {

    private final StrikeStore store;
    private final Mutes mutes;
    private final AuditLog audit;
    private final InstantSource clock;
    private final StrikePolicy defaultPolicy;

    public Strikes(StrikeStore store, Mutes mutes, AuditLog audit, InstantSource clock, StrikePolicy defaultPolicy) {
        this.store = Objects.requireNonNull(store, "store");
        this.mutes = Objects.requireNonNull(mutes, "mutes");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    }

    /**
     * Whether {@code block} counts against its author: not when moderation was unavailable (not
     * their doing), nor for self-harm (a person in crisis is pointed to help, never muted).
     */
    static boolean countsAgainstAuthor(Verdict.Block block) {
        return !block.category().equals(ModerationPolicy.UNAVAILABLE_CATEGORY)
                && !ModerationPolicy.SELF_HARM_CATEGORIES.contains(block.category());
    }

    /**
     * Counts a blocked prompt of {@code userId} in {@code scope} and returns the mute it escalated
     * to, or empty. The block itself is audited where it happened; only the mute is audited here.
     */
    public Optional<Mute> strike(ScopeKey scope, String userId, Verdict.Block block) {
        return strike(scope, userId, null, block);
    }

    /**
     * As {@link #strike(ScopeKey, String, Verdict.Block)}, remembering the blocked message
     * {@code messageId} so that a review finding the block wrong can withdraw the strike.
     */
    public Optional<Mute> strike(ScopeKey scope, String userId, @Nullable String messageId, Verdict.Block block) {
        if (!countsAgainstAuthor(block)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        store.add(scope, new Strike(userId, now, block.category(), messageId));
        StrikePolicy policy = policy(scope);
        if (!policy.escalates() || current(scope, userId).size() < policy.strikes()) {
            return Optional.empty();
        }
        String reason = policy.strikes() + " blocked " + (policy.strikes() == 1 ? "message" : "messages")
                + " within " + DurationWords.format(policy.window());
        Mute mute = mutes.mute(scope, userId, now.plus(policy.muteFor()), reason, Mutes.BY_STRIKES);
        audit.record(new AuditEntry(now, scope, userId, "strikes.mute",
                "until=" + mute.until() + " reason=" + reason));
        return Optional.of(mute);
    }

    /** The strikes of {@code userId} in {@code scope} that count now: within the window, after their last mute began. */
    public List<Strike> current(ScopeKey scope, String userId) {
        Instant from = clock.instant().minus(policy(scope).window());
        Optional<Mute> last = mutes.latest(scope, userId);
        if (last.isPresent() && !last.get().since().isBefore(from)) {
            from = last.get().since().plusNanos(1); // the strikes that led to it are spent
        }
        return store.since(scope, userId, from);
    }

    /**
     * What taking back the strike that blocked message {@code messageId} gave {@code userId} in
     * {@code scope} would change, or empty when it gave none (not a strike, or cleared since). The
     * strikes' mute that holds now is lifted with it when the strike was one of those that led to
     * it and, without it, they would not have reached the policy's threshold. Changes nothing.
     */
    public Optional<StrikeWithdrawal> withdrawal(ScopeKey scope, String userId, String messageId) {
        Optional<Strike> strike = store.forMessage(scope, userId, messageId);
        if (strike.isEmpty()) {
            return Optional.empty();
        }
        Mute lifted = mutes.active(scope, userId)
                .filter(mute -> mute.by().equals(Mutes.BY_STRIKES) && ledTo(scope, strike.get(), mute))
                .orElse(null);
        return Optional.of(new StrikeWithdrawal(scope, strike.get(), lifted));
    }

    private boolean ledTo(ScopeKey scope, Strike strike, Mute mute) {
        StrikePolicy policy = policy(scope);
        Instant from = mute.since().minus(policy.window());
        if (strike.at().isBefore(from) || strike.at().isAfter(mute.since())) {
            return false; // not one of the strikes counted when the mute began
        }
        long counted = store.since(scope, strike.userId(), from).stream()
                .filter(s -> !s.at().isAfter(mute.since())).count();
        return !policy.escalates() || counted - 1 < policy.strikes();
    }

    /** Takes back the strike of {@code withdrawal} and lifts its mute, if it names one that still holds. */
    public void withdraw(StrikeWithdrawal withdrawal) {
        Strike strike = withdrawal.strike();
        store.withdraw(withdrawal.scope(), strike.userId(), Objects.requireNonNull(strike.messageId()));
        Mute lifted = withdrawal.liftedMute();
        // an admin may have muted the author since: only the strikes' own mute is lifted
        if (lifted != null && mutes.latest(withdrawal.scope(), strike.userId()).filter(m -> same(m, lifted)).isPresent()) {
            mutes.unmute(withdrawal.scope(), strike.userId());
        }
    }

    /** Whether two mutes are one, as far as a store keeps time (microseconds or coarser). */
    private static boolean same(Mute a, Mute b) {
        return a.by().equals(b.by()) && a.reason().equals(b.reason())
                && Duration.between(a.since(), b.since()).abs().compareTo(Duration.ofMillis(1)) < 0;
    }

    /** Undoes {@link #withdraw}: the strike and the mute are kept again as they were. */
    public void restore(StrikeWithdrawal withdrawal) {
        if (store.forMessage(withdrawal.scope(), withdrawal.strike().userId(),
                Objects.requireNonNull(withdrawal.strike().messageId())).isEmpty()) {
            store.add(withdrawal.scope(), withdrawal.strike());
        }
        Mute lifted = withdrawal.liftedMute();
        if (lifted != null && mutes.latest(withdrawal.scope(), lifted.userId()).isEmpty()) {
            mutes.restore(lifted);
        }
    }

    /** Forgets every strike of {@code userId} in {@code scope}; how many there were. */
    public int clear(ScopeKey scope, String userId) {
        return store.clear(scope, userId);
    }

    /** The policy in force in {@code scope}: its admins' or the configured default. */
    public StrikePolicy policy(ScopeKey scope) {
        return store.policy(scope).orElse(defaultPolicy);
    }

    /** Sets {@code scope}'s policy. */
    public void setPolicy(ScopeKey scope, StrikePolicy policy) {
        store.savePolicy(scope, policy);
    }
}
