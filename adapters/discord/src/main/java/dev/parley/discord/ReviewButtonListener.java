package dev.parley.discord;

import dev.parley.core.review.ReviewButton;
import dev.parley.core.review.ReviewOutcome;
import dev.parley.core.review.ReviewPresses;
import dev.parley.core.review.ReviewQueue;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
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

    private final ReviewPresses presses;
    private final ExecutorService work;
    private final @Nullable String adminRoleId;

    ReviewButtonListener(ReviewQueue reviews, ExecutorService work, @Nullable String adminRoleId) {
        this.presses = new ReviewPresses(reviews);
        this.work = work;
        this.adminRoleId = adminRoleId;
    }

    /** The row of buttons under the report of review item {@code id}: custom ids {@code review:<id>:<code>}. */
    static ActionRow buttons(String id) {
        return ActionRow.of(ReviewButton.ALL.stream().map(b -> b.danger()
                ? Button.danger(b.data(id), b.label())
                : Button.secondary(b.data(id), b.label())).toList());
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Optional<ReviewButton.Press> press = ReviewButton.parse(event.getComponentId());
        if (press.isEmpty()) {
            return; // another feature's button
        }
        event.deferReply(true).queue(ok -> {}, failure -> LOG.warn("could not defer: {}", failure.toString()));
        work.execute(() -> {
            String answer;
            try {
                answer = press(event, press.get());
            } catch (RuntimeException e) {
                LOG.warn("review button failed: {}", e.toString());
                answer = "Sorry, that did not work.";
            }
            event.getHook().editOriginal(answer).queue(ok -> {}, failure -> {});
        });
    }

    private String press(ButtonInteractionEvent event, ReviewButton.Press press) {
        Guild guild = event.getGuild();
        ReviewOutcome outcome = presses.press(press, event.getUser().getId(),
                item -> guild != null && guild.getId().equals(item.scope().scopeId()),
                item -> admin(event.getMember()));
        if (outcome instanceof ReviewOutcome.Resolved resolved) {
            String id = press.itemId();
            String text = event.getMessage().getContentRaw() + "\n"
                    + ReviewPresses.resolvedLine("<@" + event.getUser().getId() + ">", resolved);
            event.getMessage().editMessage(text).setComponents().setAllowedMentions(ChannelReplySink.NO_MENTIONS)
                    .queue(ok -> {}, failure -> LOG.warn("could not mark review {} resolved: {}", id,
                            failure.toString()));
        }
        return ReviewPresses.answer(outcome);
    }

    /** As for commands: Manage Server (or Administrator, or owning the server), or the configured admin role. */
    private boolean admin(@Nullable Member member) {
        return member != null && (member.hasPermission(Permission.MANAGE_SERVER)
                || (adminRoleId != null && member.getRoles().stream().anyMatch(r -> r.getId().equals(adminRoleId))));
    }
}
