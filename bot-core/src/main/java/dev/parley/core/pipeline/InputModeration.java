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
 * notice (and, if the strike muted them, until when). A regenerated question
 * ({@link #withoutStrikes}) is refused the same way but earns no strike: it was judged when it was
 * asked, and a policy changed since must not punish its author twice for one message.
 */
final class InputModeration implements AdmissionCheck {

    private final ModerationPolicies policies;
    private final Moderator moderator;
    private final BlockAudit blocks;
    private final AccessControl access;
    private final boolean strikes;

    /** Appended to the block notice of a regenerated question. */
    static final String NO_STRIKE = " This is not counted as a strike: your question passed when you asked it.";

    InputModeration(ModerationPolicies policies, Moderator moderator, BlockAudit blocks, AccessControl access) {
        this(policies, moderator, blocks, access, true);
    }

    private InputModeration(ModerationPolicies policies, Moderator moderator, BlockAudit blocks, AccessControl access,
            boolean strikes) {
        this.policies = policies;
        this.moderator = moderator;
        this.blocks = blocks;
        this.access = access;
        this.strikes = strikes;
    }

    /** The same check for a question asked again (Regenerate): a block is audited and told, never a strike. */
    InputModeration withoutStrikes() {
        return new InputModeration(policies, moderator, blocks, access, false);
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
        String consequence = strikes ? access.strike(message, block) : NO_STRIKE;
        sink.notice(new Notice(Notice.Kind.INPUT_BLOCKED, policy.notice(Direction.INPUT, block) + consequence));
        return Optional.of(new Outcome.Blocked(Direction.INPUT, block));
    }
}
