package dev.parley.bench.model;

/**
 * How a model benchmark's {@code main} ends: a wrong argument prints its message and exits 2, any
 * other failure one line ({@link #FAILED} and the innermost cause) and exits 1, success exits 0.
 * Always through {@link System#exit}: a benchmark whose stream failed must not wait forever in a
 * JVM kept alive by the model's threads.
 */
final class BenchmarkExit {

    /** What a failure's line starts with; {@link ModelBenchmark}'s parent reads it from its child. */
    static final String FAILED = "benchmark failed: ";

    /** A benchmark's work. */
    interface Run {
        void run() throws Exception;
    }

    private BenchmarkExit() {}

    static void after(Run benchmark) {
        int status = 0;
        try {
            benchmark.run();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (Exception e) {
            // a stream's failure arrives wrapped in an ExecutionException: one line whatever it is
            System.err.println(FAILED + ModelBenchmark.oneLine(e));
            status = 1;
        }
        System.exit(status);
    }
}
