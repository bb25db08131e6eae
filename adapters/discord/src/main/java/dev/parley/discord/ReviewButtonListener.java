package dev.parley.discord;

import dev.parley.core.review.Decision;
import dev.parley.core.review.ReviewAction;
import dev.parley.core.review.ReviewItem;
import dev.parley.core.review.ReviewOutcome;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.review.Reviewer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review actions under a block report in an audit channel, and what a press of one does.
 * The presser must administer the server the block happened in (Manage Server, or the configured
 * admin role), as for admin commands; the audit channel is a channel of that same server. The
 * answer is ephemeral; a resolution also edits the report to say who resolved it with what and
 * takes its buttons away. Work off JDA's threads: the queue reads and writes the database.
 */
final class ReviewButtonListener extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewButtonListener.class);
    static final String PREFIX = "review:";

    private record Choice(String label, String code, Decision decision) {}

    private static final List<Choice> CHOICES = List.of(
            new Choice("False positive", "fp", Decision.of(ReviewAction.FALSE_POSITIVE)),
            new Choice("Confirm", "confirm", Decision.of(ReviewAction.CONFIRM)),
            new Choice("Warn", "warn", Decision.of(ReviewAction.WARN)),
            new Choice("Mute 1h", "mute1h", Decision.of(ReviewAction.MUTE)),
            new Choice("Ban", "ban", Decision.of(ReviewAction.BAN)));

    private final ReviewQueue reviews;
    private final ExecutorService work;
    private final @Nullable String adminRoleId;

    ReviewButtonListener(ReviewQueue reviews, ExecutorService work, @Nullable String adminRoleId) {
        this.reviews = reviews;
        this.work = work;
        this.adminRoleId = adminRoleId;
    }

    /** The row of buttons under the report of review item {@code id}: custom ids {@code review:<id>:<code>}. */
    static ActionRow buttons(String id) {
        return ActionRow.of(CHOICES.stream().map(c -> c.code().equals("ban")
                ? Button.danger(PREFIX + id + ":" + c.code(), c.label())
                : Button.secondary(PREFIX + id + ":" + c.code(), c.label())).toList());
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String[] parts = event.getComponentId().split(":");
        Optional<Choice> choice = parts.length == 3 && event.getComponentId().startsWith(PREFIX)
                ? CHOICES.stream().filter(c -> c.code().equals(parts[2])).findFirst() : Optional.empty();
        if (choice.isEmpty()) {
            return; // another feature's button
        }
        event.deferReply(true).queue(ok -> {}, failure -> LOG.warn("could not defer: {}", failure.toString()));
        work.execute(() -> {
            String answer;
            try {
                answer = press(event, parts[1], choice.get());
            } catch (RuntimeException e) {
                LOG.warn("review button failed: {}", e.toString());
                answer = "Sorry, that did not work.";
            }
            event.getHook().editOriginal(answer).queue(ok -> {}, failure -> {});
        });
    }

    private String press(ButtonInteractionEvent event, String id, Choice choice) {
        Optional<ReviewItem> item = reviews.find(id);
        if (item.isEmpty() || event.getGuild() == null || !event.getGuild().getId().equals(item.get().scope().scopeId())) {
            return "There is no review item " + id + " here.";
        }
        ReviewOutcome outcome = reviews.resolve(item.get().scope(), id, choice.decision(),
                new Reviewer(event.getUser().getId(), admin(event.getMember())));
        if (outcome instanceof ReviewOutcome.Resolved resolved) {
            String text = event.getMessage().getContentRaw() + "\nResolved by <@" + event.getUser().getId() + ">: "
                    + resolved.summary() + ".";
            event.getMessage().editMessage(text).setComponents().setAllowedMentions(ChannelReplySink.NO_MENTIONS)
                    .queue(ok -> {}, failure -> LOG.warn("could not mark review {} resolved: {}", id,
                            failure.toString()));
        }
        return outcome.text();
    }

    /** As for commands: Manage Server (or Administrator, or owning the server), or the configured admin role. */
    private boolean admin(@Nullable Member member) {
        return member != null && (member.hasPermission(Permission.MANAGE_SERVER)
                || (adminRoleId != null && member.getRoles().stream().anyMatch(r -> r.getId().equals(adminRoleId))));
    }
}
