package dev.parley.core.pipeline;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.RedactedExcerpt;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides what the audit log and the scope's audit channel are told of a block. */
final class BlockAudit {

    // logged under the pipeline's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

    private final AuditHash auditHash;
    private final AuditLog audit;
    private final BlockReports reports;
    private final InstantSource clock;
    private final RedactedExcerpt excerpts = new RedactedExcerpt(new TextNormaliser());

    BlockAudit(AuditHash auditHash, AuditLog audit, BlockReports reports, InstantSource clock) {
        this.auditHash = auditHash;
        this.audit = audit;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Audits a block: who, where, which direction, the category, rule and category scores, the
     * message id and a keyed hash of the blocked text (so repeats can be found), never the text itself
     * (a redacted excerpt if the scope's policy asks for one). When the policy names an audit
     * channel, the block is reported there as well.
     */
    void record(InboundMessage message, Direction direction, Verdict.Block block, String text,
            ModerationPolicy policy) {
        CategoryScores scores = block.scores(); // the scores that decided: the text is not moderated again
        String topScores = scores.asMap().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Category, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(4)
                .map(e -> e.getKey().apiName() + ":" + String.format(Locale.ROOT, "%.2f", e.getValue()))
                .collect(Collectors.joining(","));
        String hash = auditHash.of(text);
        String excerpt = policy.reporting().excerpt() == ExcerptMode.REDACTED ? excerpts.of(text, block, policy) : null;
        String detail = "category=" + block.category() + " rule=" + block.rule()
                + (topScores.isEmpty() ? "" : " scores=" + topScores)
                + " sha256=" + hash + " message=" + message.messageId()
                + (excerpt == null ? "" : " excerpt=\"" + excerpt + "\"");
        Instant now = clock.instant();
        ScopeKey scope = ScopeKey.of(message.location());
        audit.record(new AuditEntry(now, scope, message.author().id(),
                "moderation.block." + direction.name().toLowerCase(Locale.ROOT), detail));
        String auditChannel = policy.reporting().auditChannel();
        if (auditChannel != null) {
            report(new BlockReport(now, scope, message.location(), auditChannel, message.author().id(),
                    message.messageId(), direction, block.category(), block.rule(), scores, hash, excerpt));
            // no more of the text than the report shows: the review queue keeps the excerpt, never the text
        }
    }

    /** Hands a block to the audit channel; an adapter's failure there must not cost the user their notice. */
    private void report(BlockReport report) {
        try {
            reports.report(report);
        } catch (RuntimeException e) {
            LOG.warn("message={} block report to channel {} failed: {}", report.messageId(),
                    report.auditChannelId(), e.toString());
        }
    }
}
