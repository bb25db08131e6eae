package dev.parley.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the bot remembers of each conversation, and how it turns that into a prompt that fits the
 * model: the system prompt and the new message always, then as many of the latest turns as the
 * token budget allows, oldest dropped first.
 *
 * <p>Held in memory (Caffeine, bounded in count and idle time); each finished exchange is also
 * offered to a {@link ConversationStore}, which recalls a conversation that is not in memory (after a
 * restart or an eviction) so that it continues. Thread-safe.
 */
public final class ConversationMemory {

    private final Cache<ConversationKey, List<ChatTurn>> history;
    private final TokenCounter tokens;
    private final MemoryLimits limits;
    private final ConversationStore store;

    /** A memory that keeps conversations in memory only. */
    public ConversationMemory(TokenCounter tokens, MemoryLimits limits, Ticker ticker) {
        this(tokens, limits, ticker, ConversationStore.NONE);
    }

    /** A memory that also offers every finished exchange to {@code store} and recalls from it. */
    public ConversationMemory(TokenCounter tokens, MemoryLimits limits, Ticker ticker, ConversationStore store) {
        this.tokens = tokens;
        this.limits = limits;
        this.store = Objects.requireNonNull(store, "store");
        this.history = Caffeine.newBuilder()
                .maximumSize(limits.maxConversations())
                .expireAfterAccess(limits.idleTimeout())
                .ticker(ticker)
                .build();
    }

    /**
     * Builds the prompt for a new user message.
     *
     * @param budget the tokens the prompt may take (the model's context less the reply's room)
     * @throws MessageTooLongException if the system prompt and the message alone exceed the budget
     */
    public Prompt promptFor(ConversationKey key, String systemPrompt, String userText, int budget) {
        return prompt(turns(key), systemPrompt, userText, budget);
    }

    /**
     * Builds the prompt {@code userText} had when it was answered with {@code answer}, to answer it
     * again: the remembered turns before that exchange (or all of them, where it is no longer
     * remembered).
     *
     * @throws MessageTooLongException if the system prompt and the message alone exceed the budget
     */
    public Prompt promptAgain(ConversationKey key, String systemPrompt, String userText, String answer, int budget) {
        List<ChatTurn> past = turns(key);
        int at = exchangeAt(past, userText, answer);
        return prompt(at < 0 ? past : past.subList(0, at), systemPrompt, userText, budget);
    }

    /**
     * Replaces the remembered {@code answer} to {@code userText} by {@code regenerated}, so that the
     * conversation continues from the answer shown; where that exchange is no longer remembered,
     * remembers the new one as {@link #remember(ConversationKey, String, String, String)} does. The
     * store keeps what it was offered: it is not asked to replace.
     */
    public void rememberInstead(ConversationKey key, String authorId, String userText, String answer,
            String regenerated) {
        AtomicBoolean replaced = new AtomicBoolean();
        history.asMap().computeIfPresent(key, (k, old) -> {
            int at = exchangeAt(old, userText, answer);
            if (at < 0) {
                return old;
            }
            List<ChatTurn> next = new ArrayList<>(old);
            next.set(at + 1, ChatTurn.assistant(regenerated));
            replaced.set(true);
            return List.copyOf(next);
        });
        if (!replaced.get()) {
            remember(key, authorId, userText, regenerated);
        }
    }

    /** Where the latest exchange of {@code userText} answered by {@code answer} starts, or -1. */
    private static int exchangeAt(List<ChatTurn> turns, String userText, String answer) {
        for (int i = turns.size() - 2; i >= 0; i--) {
            if (turns.get(i).speaker() == Speaker.USER && turns.get(i).text().equals(userText)
                    && turns.get(i + 1).speaker() == Speaker.ASSISTANT && turns.get(i + 1).text().equals(answer)) {
                return i;
            }
        }
        return -1;
    }

    private Prompt prompt(List<ChatTurn> past, String systemPrompt, String userText, int budget) {
        ChatTurn system = ChatTurn.system(systemPrompt);
        ChatTurn user = ChatTurn.user(userText);
        int used = cost(system) + cost(user);
        if (used > budget) {
            throw new MessageTooLongException(used, budget);
        }
        // walk back from the newest turn, keeping whole exchanges so the model never sees an
        // answer without its question
        int keepFrom = past.size();
        for (int i = past.size() - 1; i >= 0; i--) {
            int turnCost = cost(past.get(i));
            if (used + turnCost > budget) {
                break;
            }
            used += turnCost;
            keepFrom = i;
        }
        if (keepFrom < past.size() && past.get(keepFrom).speaker() == Speaker.ASSISTANT) {
            used -= cost(past.get(keepFrom));
            keepFrom++;
        }
        List<ChatTurn> turns = new ArrayList<>(past.size() - keepFrom + 2);
        turns.add(system);
        turns.addAll(past.subList(keepFrom, past.size()));
        turns.add(user);
        return new Prompt(turns, used, keepFrom);
    }

    /**
     * Records one finished exchange and offers it to the store; the oldest turns beyond
     * {@link MemoryLimits#maxTurns()} are dropped from memory.
     */
    public void remember(ConversationKey key, String userText, String reply) {
        remember(key, "", userText, reply);
    }

    /**
     * Records one finished exchange asked by {@code authorId} and offers it to the store with its
     * author; the oldest turns beyond {@link MemoryLimits#maxTurns()} are dropped from memory.
     */
    public void remember(ConversationKey key, String authorId, String userText, String reply) {
        turns(key); // a conversation recalled from the store continues where it was, not afresh
        history.asMap().compute(key, (k, old) -> {
            List<ChatTurn> next = new ArrayList<>(old == null ? List.of() : old);
            next.add(ChatTurn.user(userText));
            next.add(ChatTurn.assistant(reply));
            int excess = next.size() - limits.maxTurns();
            if (excess > 0) {
                // drop whole exchanges so the history still starts with a question
                next.subList(0, excess + (excess % 2)).clear();
            }
            return List.copyOf(next);
        });
        if (authorId.isEmpty()) {
            store.keep(key, userText, reply);
        } else {
            store.keep(key, authorId, userText, reply);
        }
    }

    /**
     * The remembered turns of a conversation, oldest first; recalled from the store (and held in
     * memory again) when memory has none.
     */
    public List<ChatTurn> turns(ConversationKey key) {
        List<ChatTurn> turns = history.getIfPresent(key);
        if (turns != null) {
            return turns;
        }
        // read outside the cache's lock: the store may be a database
        List<ChatTurn> recalled = List.copyOf(store.recall(key, limits.maxTurns()));
        if (recalled.isEmpty()) {
            return List.of(); // nothing held for conversations nobody kept
        }
        List<ChatTurn> present = history.asMap().putIfAbsent(key, recalled);
        return present == null ? recalled : present;
    }

    /** Forgets a conversation, in memory and in the store, as {@code /reset} asks. */
    public void forget(ConversationKey key) {
        history.invalidate(key);
        store.forget(key);
    }

    /** How many conversations are remembered right now (approximately, as Caffeine counts). */
    public long size() {
        history.cleanUp();
        return history.estimatedSize();
    }

    private int cost(ChatTurn turn) {
        return tokens.countTokens(turn.text()) + limits.tokensPerTurnOverhead();
    }
}
