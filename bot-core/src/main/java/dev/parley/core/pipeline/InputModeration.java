package dev.parley.core.pipeline;

import dev.parley.core.access.AccessControl;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ModerationPolicies;
import java.util.Optional;

/**
 * Blocks a prompt that the scope's moderation policy stops, unless the author's role is exempt:
 * the block is audited, counted as a strike against the author, and the user gets the policy's
 * notice (and, if the strike muted them, until when).
 */
final class InputModeration implements AdmissionCheck {

    private final ModerationPolicies policies;
    private final Moderator moderator;
    private final BlockAudit blocks;
    private final AccessControl access;

    InputModeration(ModerationPolicies policies, Moderator moderator, BlockAudit blocks, AccessControl access) {
        this.policies = policies;
        this.moderator = moderator;
        this.blocks = blocks;
        this.access = access;
    }

    @Override
    public String name() {
        return "input-moderation";
    }

    @Override
    public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
        ModerationPolicy policy = policies.forLocation(message.location());
        if (policy.exempts(message.author().roles())
                || !(moderator.moderate(message.text(), Direction.INPUT, policy) instanceof Verdict.Block block)) {
            return PASS;
        }
        blocks.record(message, Direction.INPUT, block, message.text(), policy);
        sink.notice(new Notice(Notice.Kind.INPUT_BLOCKED, policy.notice(Direction.INPUT, block) + access.strike(message, block)));
        return Optional.of(new Outcome.Blocked(Direction.INPUT, block));
    }
}
