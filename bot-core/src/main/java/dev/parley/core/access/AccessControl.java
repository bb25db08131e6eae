package dev.parley.core.access;

import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an author may use the bot where they wrote, before moderation and the queue:
 * the operator's served scopes, the scope's block and allow lists, and mutes. A refused author is
 * told why once per notice interval and otherwise ignored, so the bot cannot be made to spam.
 * Admins' commands always pass, so an admin can always undo a block.
 */
public final class AccessControl {

    /** The default notice interval: one notice per refused user and scope in this time. */
    public static final Duration DEFAULT_NOTICE_EVERY = Duration.ofMinutes(10);

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * Why a message is refused: {@code reason} for the log and metrics, {@code notice} for the
     * author, or null when they are not told (again).
     */
    public record Denial(String reason, @Nullable String notice) {

        public Denial {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private record NoticeKey(ScopeKey scope, String userId, String about) {}

    private final ServedScopes served;
    private final AccessLists lists;
    private final Mutes mutes;
    private final Strikes strikes;
    private final NoticeThrottle notices;

    public AccessControl(ServedScopes served, AccessLists lists, Mutes mutes, Strikes strikes, InstantSource clock,
            Duration noticeEvery) {
        this.served = Objects.requireNonNull(served, "served");
        this.lists = Objects.requireNonNull(lists, "lists");
        this.mutes = Objects.requireNonNull(mutes, "mutes");
        this.strikes = Objects.requireNonNull(strikes, "strikes");
        this.notices = new NoticeThrottle(noticeEvery, clock);
    }

    /** Access control that serves everyone, with lists, mutes and strikes in memory and the default policy. */
    public static AccessControl inMemory(AuditLog audit, InstantSource clock) {
        Mutes mutes = new Mutes(new InMemoryMuteStore(), clock);
        return new AccessControl(ServedScopes.ALL, new AccessLists(new InMemoryAccessListStore()), mutes,
                new Strikes(new InMemoryStrikeStore(), mutes, audit, clock, StrikePolicy.DEFAULT), clock,
                DEFAULT_NOTICE_EVERY);
    }

    /** Why the author of {@code message} may not use the bot there, or empty; {@code command} when it is one. */
    public Optional<Denial> check(InboundMessage message, boolean command) {
        ScopeKey scope = ScopeKey.of(message.location());
        if (!served.serves(scope, message.directMessage())) {
            return Optional.of(new Denial("scope not served", null));
        }
        if (command && message.author().admin()) {
            return Optional.empty();
        }
        String userId = message.author().id();
        Optional<AccessEntry> entry = lists.blocking(message);
        if (entry.isPresent()) {
            String why = entry.get().reason().isBlank() ? "" : ": " + entry.get().reason();
            return Optional.of(new Denial("blocked " + entry.get().kind().typed(),
                    tell(scope, userId, "block", "You are blocked from using the bot here" + why + ".")));
        }
        Optional<Mute> mute = mutes.active(scope, userId);
        if (mute.isPresent()) {
            return Optional.of(new Denial("muted", tell(scope, userId, "mute", mutedNotice(mute.get()))));
        }
        return Optional.empty();
    }

    /**
     * Whether the author of a command about their own data ({@code /export}, {@code /forget me})
     * may run it: only a scope the bot does not serve refuses it. A ban or a mute does not, since
     * nobody loses the right to see or delete what is stored about them.
     */
    public Optional<Denial> checkOwnData(InboundMessage message) {
        return served.serves(ScopeKey.of(message.location()), message.directMessage()) ? Optional.empty()
                : Optional.of(new Denial("scope not served", null));
    }

    /**
     * Counts a prompt of {@code message}'s author that moderation blocked as a strike; returns what
     * to add to the block notice when it muted them (starting with a space), else "".
     */
    public String strike(InboundMessage message, Verdict.Block block) {
        return strikes.strike(ScopeKey.of(message.location()), message.author().id(), message.messageId(), block)
                .map(mute -> " " + mutedNotice(mute))
                .orElse("");
    }

    /** What a muted user is told: until when, and why. */
    public static String mutedNotice(Mute mute) {
        return "You are muted from the bot here until " + until(mute.until()) + ": " + mute.reason() + ".";
    }

    /** {@code at} as notices show it, in UTC to the second. */
    public static String until(Instant at) {
        return UNTIL.format(at);
    }

    /** Lets the next notice to {@code userId} in {@code scope} through at once, after an admin changed their access. */
    public void changed(ScopeKey scope, String userId) {
        notices.forget(new NoticeKey(scope, userId, "block"));
        notices.forget(new NoticeKey(scope, userId, "mute"));
    }

    private @Nullable String tell(ScopeKey scope, String userId, String about, String notice) {
        return notices.mayTell(new NoticeKey(scope, userId, about)) ? notice : null;
    }

    /** The operator's served scopes. */
    public ServedScopes served() {
        return served;
    }

    /** The scopes' block and allow lists. */
    public AccessLists lists() {
        return lists;
    }

    /** The mutes. */
    public Mutes mutes() {
        return mutes;
    }

    /** The strikes and their policies. */
    public Strikes strikes() {
        return strikes;
    }
}
