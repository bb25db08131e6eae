package dev.parley.telegram;

import dev.parley.core.access.ServedScopes;
import dev.parley.core.feedback.ReactionVotes;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.ratelimit.OutboundPause;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.core.review.ReviewQueue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * Collects a {@link TelegramAdapter}'s parts, checking each as it is set. Settings, pipeline and
 * clock are required; without offsets the adapter starts from the updates Telegram still holds;
 * without caches it remembers {@link ReplyCaches#DEFAULTS}; without a back-off it waits 1 s, then
 * twice as long each time up to a minute, between failed polls.
 */
public final class TelegramAdapterBuilder {

    private @Nullable TelegramSettings settings;
    private @Nullable ChatPipeline pipeline;
    private @Nullable InstantSource clock;
    private UpdateOffsets offsets = UpdateOffsets.NONE;
    private ServedScopes served = ServedScopes.ALL;
    private ReplyCaches caches = ReplyCaches.DEFAULTS;
    private @Nullable ReviewQueue reviews;
    private @Nullable ReactionVotes votes;
    private BackOff pollBackOff = new DoublingBackOff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    private OutboundPause outboundPause = OutboundPause.REAL;

    TelegramAdapterBuilder() {}

    /** The token, the Bot API's address, the expected username, the poll timeout and the webhook, if any. */
    public TelegramAdapterBuilder settings(TelegramSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** The core every message is handed to. */
    public TelegramAdapterBuilder pipeline(ChatPipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        return this;
    }

    /** The adapter's time: send pacing and how long an admin's status is remembered. */
    public TelegramAdapterBuilder clock(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Where the adapter keeps how far it handed updates to the core, and polls from when it
     * starts, so that a crash makes it neither lose nor repeat an update.
     */
    public TelegramAdapterBuilder offsets(UpdateOffsets offsets) {
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        return this;
    }

    /** How many reply chains and edited-message replies the adapter remembers, and for how long. */
    public TelegramAdapterBuilder caches(ReplyCaches caches) {
        this.caches = Objects.requireNonNull(caches, "caches");
        return this;
    }

    /** The waits between failed polls. */
    public TelegramAdapterBuilder pollBackOff(BackOff pollBackOff) {
        this.pollBackOff = Objects.requireNonNull(pollBackOff, "pollBackOff");
        return this;
    }

    /**
     * How the sending thread waits out Telegram's pacing; tests pass one that notes each wait and
     * moves their clock, instead of sleeping.
     */
    TelegramAdapterBuilder outboundPause(OutboundPause outboundPause) {
        this.outboundPause = Objects.requireNonNull(outboundPause, "outboundPause");
        return this;
    }

    /**
     * Where the bot works: with {@link ServedScopes#leaveUnlisted()}, it leaves a group it does
     * not serve as soon as it is added; every group is served by default.
     */
    public TelegramAdapterBuilder served(ServedScopes served) {
        this.served = Objects.requireNonNull(served, "served");
        return this;
    }

    /**
     * The review queue whose actions block reports offer as buttons; without it, a press of one
     * is answered that it does nothing here.
     */
    public TelegramAdapterBuilder reviews(ReviewQueue reviews) {
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        return this;
    }

    /** Where 👍/👎 reactions on the bot's answers become feedback votes; without, reactions are ignored. */
    public TelegramAdapterBuilder votes(ReactionVotes votes) {
        this.votes = Objects.requireNonNull(votes, "votes");
        return this;
    }

    /** The adapter, not started; throws {@link IllegalStateException} naming a missing required part. */
    public TelegramAdapter build() {
        return new TelegramAdapter(new Parts(required(settings, "settings"), required(pipeline, "pipeline"),
                required(clock, "clock"), offsets, caches, pollBackOff, served, reviews, votes, outboundPause));
    }

    private static <T> T required(@Nullable T part, String name) {
        if (part == null) {
            throw new IllegalStateException("TelegramAdapter needs " + name + "; call builder()." + name + "(...)");
        }
        return part;
    }

    /** The parts a built adapter is made of, the required ones checked present. */
    record Parts(TelegramSettings settings, ChatPipeline pipeline, InstantSource clock, UpdateOffsets offsets,
            ReplyCaches caches, BackOff pollBackOff, ServedScopes served, @Nullable ReviewQueue reviews,
            @Nullable ReactionVotes votes, OutboundPause outboundPause) {}
}
