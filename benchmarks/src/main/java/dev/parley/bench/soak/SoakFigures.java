package dev.parley.bench.soak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak run's figures and verdict: samples of the bot process's heap after GC and its live
 * threads, the line printed every minute, and the summary that says PASS or FAIL: nothing lost,
 * answered twice or unaddressed answered, no error answers, problems or bot log lines, and the
 * heap and threads flat ({@link HeapTrend}).
 */
final class SoakFigures {

    /** One sample of the bot process. */
    record Sample(double minute, long heap, int threads, String line) {}

    private final SoakOptions options;
    private final SoakLedger ledger;
    private final SoakLoad load;
    private final AtomicLong botLogLines;
    private final AtomicLong mostBehindNanos;
    private final long runStart;

    /**
     * @param botLogLines lines the bot logged (WARNING and up) before it was asked to stop
     * @param mostBehindNanos how far behind its schedule the sender fell at the most
     * @param runStart {@link System#nanoTime()} when sending started
     */
    SoakFigures(SoakOptions options, SoakLedger ledger, SoakLoad load, AtomicLong botLogLines,
            AtomicLong mostBehindNanos, long runStart) {
        this.options = options;
        this.ledger = ledger;
        this.load = load;
        this.botLogLines = botLogLines;
        this.mostBehindNanos = mostBehindNanos;
        this.runStart = runStart;
    }

    Sample sample(PrintStream toBot, BlockingQueue<String> statsLines, long start) throws InterruptedException {
        toBot.println("stats");
        String line = statsLines.poll(2, TimeUnit.MINUTES);
        if (line == null) {
            throw new IllegalStateException("the bot did not answer 'stats' within 2 minutes");
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring("STATS ".length()).split(" ")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], parts[1]);
        }
        return new Sample((System.nanoTime() - start) / 60e9, Long.parseLong(values.get("heap")),
                Integer.parseInt(values.get("threads")), line);
    }

    void report(Sample sample, long start) {
        SoakLedger.Tally tally = ledger.tally();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "[%5.1f min] sent %d (%.1f/s; Telegram %d), replies %d, awaiting %d, "
                        + "lost so far %d, duplicates %d, error answers %d, bot log lines %d | bot heap after GC %.1f MB, "
                        + "threads %d | %s%n", sample.minute(), load.sent(), load.sent() / seconds, load.sentTelegram(),
                tally.replies(), ledger.unanswered(0), ledger.unanswered(options.answerWithin()), tally.duplicates(),
                tally.errorAnswers(), botLogLines.get(),
                sample.heap() / 1e6, sample.threads(), sample.line().substring("STATS ".length()).replaceFirst(
                        "heap=\\d+ threads=\\d+ ", ""));
    }

    boolean summary(List<Sample> samples, long sendingNanos) {
        SoakLedger.Tally tally = ledger.tally();
        long lost = ledger.unanswered(0);
        Map<String, Long> lostByScenario = new TreeMap<>();
        List<SoakLedger.Expectation> lostOnes = new ArrayList<>();
        for (SoakLedger.Expectation e : ledger.expectations()) {
            if (e.lost()) {
                lostByScenario.merge(e.scenario, 1L, Long::sum);
                lostOnes.add(e);
            }
        }
        System.out.println();
        System.out.println("---- summary");
        System.out.printf(Locale.ROOT, "sent %d messages in %.1f min: %.1f messages/s sustained (asked %d/s; most "
                        + "behind schedule %.0f ms); Telegram %d, Discord %d%n", load.sent(), sendingNanos / 60e9,
                load.sent() / (sendingNanos / 1e9), options.rate(), mostBehindNanos.get() / 1e6, load.sentTelegram(),
                load.sent() - load.sentTelegram());
        System.out.println("by scenario: " + new TreeMap<>(ledger.sentByScenario()));
        System.out.printf(Locale.ROOT, "replies %d; lost (addressed, never answered) %d %s; answered twice %d; "
                        + "answered though not addressed %d; position-in-line notices %d; questions withdrawn by their "
                        + "author's /stop while waiting (answered by the /stop's reply) %d%n", tally.replies(), lost,
                lostByScenario.isEmpty() ? "" : lostByScenario, tally.duplicates(), tally.unaddressedAnswered(),
                tally.positionNotices(), tally.withdrawnByStop());
        for (SoakLedger.Expectation e : lostOnes.subList(0, Math.min(20, lostOnes.size()))) {
            System.out.printf(Locale.ROOT, "  lost: %s (%s), sent %.1f min into the run%n", e.key, e.scenario,
                    (e.sentNanos - runStart) / 60e9);
        }
        System.out.printf(Locale.ROOT, "error or unknown-route answers from the fakes %d; lines the bot logged "
                + "(WARNING and up) %d%n", tally.errorAnswers(), botLogLines.get());
        System.out.println("Discord requests by route: " + ledger.discordRoutes());
        System.out.println("Telegram calls by method: " + ledger.telegramMethods());

        int quarter = Math.max(1, samples.size() / 4);
        List<Sample> first = samples.subList(0, quarter);
        List<Sample> lastQuarter = samples.subList(samples.size() - quarter, samples.size());
        int threadsFirst = first.stream().mapToInt(Sample::threads).max().orElse(0);
        int threadsLast = lastQuarter.stream().mapToInt(Sample::threads).max().orElse(0);
        // the heap once bounded caches are full: the last third of the samples (at least three)
        List<Sample> lastThird = samples.subList(Math.max(0, samples.size() - Math.max(3, samples.size() / 3)),
                samples.size());
        HeapTrend heap = HeapTrend.of(lastThird);
        StringBuilder heapSeries = new StringBuilder();
        StringBuilder threadSeries = new StringBuilder();
        for (Sample s : samples) {
            heapSeries.append(String.format(Locale.ROOT, " %.1f", s.heap() / 1e6));
            threadSeries.append(' ').append(s.threads());
        }
        System.out.println("bot heap after GC, MB, per sample:" + heapSeries);
        System.out.println("bot live threads per sample:" + threadSeries);
        boolean heapFlat = heap.flat();
        // no new threads to speak of: the most in the last quarter against the most in the first
        boolean threadsFlat = threadsLast <= threadsFirst + 4;
        System.out.printf(Locale.ROOT, "trend: heap after GC over the last third (%d samples, minute %.1f to %.1f) "
                        + "mean %.1f MB, slope %+.2f MB/min (allowed %.2f), so %+.1f MB over that third (%s); "
                        + "most threads, first %d vs last %d samples: %d -> %d (%s)%n", lastThird.size(),
                lastThird.getFirst().minute(), lastThird.getLast().minute(), heap.meanMb(), heap.slopeMbPerMinute(),
                heap.allowedMbPerMinute(), heap.growthMb(), heapFlat ? "flat" : "GROWING", quarter, quarter, threadsFirst,
                threadsLast, threadsFlat ? "flat" : "GROWING");
        List<String> problems = ledger.problems();
        boolean passed = lost == 0 && tally.duplicates() == 0 && tally.unaddressedAnswered() == 0
                && tally.errorAnswers() == 0 && problems.isEmpty() && botLogLines.get() == 0 && heapFlat && threadsFlat;
        System.out.println(passed ? "PASS" : "FAIL" + (problems.isEmpty() ? "" : " (" + problems.size() + " problems)"));
        return passed;
    }

    /**
     * The heap after GC over some samples: its mean and least-squares slope. Flat when the slope
     * is at most 4 MB or 5% of the mean, whichever is more, per 10 minutes (a full GC's figure
     * varies by a MB or so from one sample to the next; a leak of half a MB a minute does not pass).
     */
    private record HeapTrend(double meanMb, double slopeMbPerMinute, double growthMb, double allowedMbPerMinute) {

        static HeapTrend of(List<Sample> samples) {
            double meanMinute = samples.stream().mapToDouble(Sample::minute).average().orElse(0);
            double meanMb = samples.stream().mapToLong(Sample::heap).average().orElse(0) / 1e6;
            double covariance = 0;
            double variance = 0;
            for (Sample sample : samples) {
                covariance += (sample.minute() - meanMinute) * (sample.heap() / 1e6 - meanMb);
                variance += (sample.minute() - meanMinute) * (sample.minute() - meanMinute);
            }
            double slope = variance == 0 ? 0 : covariance / variance;
            double span = samples.isEmpty() ? 0 : samples.getLast().minute() - samples.getFirst().minute();
            return new HeapTrend(meanMb, slope, slope * span, Math.max(4, meanMb * 0.05) / 10);
        }

        boolean flat() {
            return slopeMbPerMinute <= allowedMbPerMinute;
        }
    }
}
