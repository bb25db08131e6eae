package dev.parley.testkit.discord;

import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord ids: milliseconds since the Discord epoch shifted left by 22 bits, so clients that read
 * a creation time from an id (JDA does) see the server's clock. Ids only ever grow.
 */
final class Snowflakes {

    static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;

    private final InstantSource clock;
    private final AtomicLong last = new AtomicLong();

    Snowflakes(InstantSource clock) {
        this.clock = clock;
    }

    long next() {
        long fromClock = (clock.millis() - DISCORD_EPOCH_MILLIS) << 22;
        return last.updateAndGet(previous -> Math.max(previous + 1, fromClock));
    }

    /**
     * The next id whose guild falls on {@code shard} of {@code shardCount} (Discord's rule: the
     * id's milliseconds modulo the count); it may lie up to {@code shardCount - 1} ms ahead of the
     * clock, as ids created within one millisecond would otherwise all land on one shard.
     */
    long nextOnShard(int shard, int shardCount) {
        long fromClock = (clock.millis() - DISCORD_EPOCH_MILLIS) << 22;
        return last.updateAndGet(previous -> {
            long id = Math.max(previous + 1, fromClock);
            long millis = id >>> 22;
            long wanted = millis + Math.floorMod(shard - millis, (long) shardCount);
            return wanted == millis ? id : wanted << 22;
        });
    }

    Instant now() {
        return clock.instant();
    }

    /** The ISO-8601 timestamp Discord writes for an id's creation time. */
    static String timestampOf(long id) {
        return timestamp(Instant.ofEpochMilli((id >>> 22) + DISCORD_EPOCH_MILLIS));
    }

    static String timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
