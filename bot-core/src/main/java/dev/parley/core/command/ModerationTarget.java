package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.util.function.UnaryOperator;

/** What a {@code /moderation} change applies to: the whole scope, or one channel of it. */
interface ModerationTarget {

    ScopeSettings load();

    /** Saves {@code next} and drops the cached policies it changes. */
    void save(ScopeSettings next);

    /** The policy in force where the command was typed, before the change. */
    ModerationPolicy policy();

    /** The audit action for {@code action} done to this target. */
    String action(String action);

    /** The audit detail for {@code detail}, naming the target where the scope does not. */
    String detail(String detail);

    /** "here" or "in this channel", for replies. */
    String where();

    /** Applies {@code edit} to this target's settings, saves them and audits the change. */
    default void change(AdminChanges changes, InboundMessage message, UnaryOperator<ScopeSettings> edit, String action,
            String detail) {
        save(edit.apply(load()));
        changes.record(message, action(action), detail(detail));
    }

    /** The scope {@code message} was written in. */
    static ModerationTarget scope(InboundMessage message, SettingsStore settings, ModerationPolicies policies) {
        ScopeKey scope = ScopeKey.of(message.location());
        return new ModerationTarget() {
            @Override
            public ScopeSettings load() {
                return settings.load(scope);
            }

            @Override
            public void save(ScopeSettings next) {
                settings.save(scope, next);
                policies.invalidate(scope);
            }

            @Override
            public ModerationPolicy policy() {
                return policies.forLocation(message.location());
            }

            @Override
            public String action(String action) {
                return action;
            }

            @Override
            public String detail(String detail) {
                return detail;
            }

            @Override
            public String where() {
                return "here";
            }
        };
    }

    /** The channel {@code message} was written in, whose own moderation {@code store} keeps. */
    static ModerationTarget channel(InboundMessage message, ChannelSettingsStore store, ModerationPolicies policies) {
        ChannelKey channel = ChannelKey.of(message.location());
        return new ModerationTarget() {
            @Override
            public ScopeSettings load() {
                return store.load(channel).moderation();
            }

            @Override
            public void save(ScopeSettings next) {
                store.save(channel, store.load(channel).withModeration(next));
                policies.invalidate(channel);
            }

            @Override
            public ModerationPolicy policy() {
                return policies.forLocation(message.location());
            }

            @Override
            public String action(String action) {
                return "moderation.channel." + (action.startsWith("moderation.") ? action.substring("moderation.".length()) : action);
            }

            @Override
            public String detail(String detail) {
                return channel.channelId() + " " + detail;
            }

            @Override
            public String where() {
                return "in this channel";
            }
        };
    }
}
