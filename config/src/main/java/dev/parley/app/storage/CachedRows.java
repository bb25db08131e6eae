package dev.parley.app.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A value per key that every message reads, so it is read from the database once and then from
 * a cache; a save writes its rows in one transaction and then refreshes this process's cache.
 */
final class CachedRows<K, V> {

    private final Cache<K, V> cache = Caffeine.newBuilder().maximumSize(100_000).build();
    private final TransactionTemplate transactions;
    private final Function<K, V> read;

    /** @param read reads a key's value from the database when the cache has none */
    CachedRows(TransactionTemplate transactions, Function<K, V> read) {
        this.transactions = transactions;
        this.read = read;
    }

    V get(K key) {
        return cache.get(key, read);
    }

    /** Runs {@code write} in a transaction, then caches {@code value} for {@code key}. */
    void save(K key, V value, Runnable write) {
        transactions.executeWithoutResult(status -> write.run());
        cache.put(key, value);
    }
}
