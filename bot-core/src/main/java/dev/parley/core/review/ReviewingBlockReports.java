package dev.parley.core.review;

import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.BlockReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every block reported to an audit channel a pending review item, then hands the report,
 * with the item's id, to the adapters that post it (and offer its actions as buttons). A report
 * whose item could not be stored is still posted, without actions.
 */
public final class ReviewingBlockReports implements BlockReports {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewingBlockReports.class);

    private final ReviewQueue queue;
    private final BlockReports posters;

    public ReviewingBlockReports(ReviewQueue queue, BlockReports posters) {
        this.queue = queue;
        this.posters = posters;
    }

    @Override
    public void report(BlockReport report) {
        BlockReport posted = report;
        try {
            posted = report.withReviewId(queue.open(report));
        } catch (RuntimeException e) {
            LOG.warn("message={} could not be kept for review: {}", report.messageId(), e.toString());
        }
        posters.report(posted);
    }
}
