package dev.parley.app.chat;

import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.conversation.Platform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each block report to the adapter of the platform it happened on. Adapters register once
 * they are built; a report for a platform without one (the console) is only in the audit log.
 */
public final class PlatformBlockReports implements BlockReports {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformBlockReports.class);

    private final Map<Platform, BlockReports> byPlatform = new ConcurrentHashMap<>();

    /** Routes the reports of {@code platform} to {@code reports}. */
    public void register(Platform platform, BlockReports reports) {
        byPlatform.put(platform, reports);
    }

    @Override
    public void report(BlockReport report) {
        BlockReports reports = byPlatform.get(report.location().platform());
        if (reports == null) {
            LOG.debug("no audit channel poster for {}", report.location().platform());
            return;
        }
        reports.report(report);
    }
}
