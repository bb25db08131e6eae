package dev.parley.core.experiment;

/**
 * The 95% Wilson score interval of a rate: unlike the normal approximation it stays within
 * [0, 1] and means something for the small counts an experiment starts with.
 */
public record WilsonInterval(double low, double high) {

    /** The 0.975 quantile of the standard normal distribution. */
    private static final double Z = 1.959963984540054;

    /** The interval of {@code successes} out of {@code trials}; [0, 1] when there are none. */
    public static WilsonInterval of(long successes, long trials) {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, was " + successes + " of " + trials);
        }
        if (trials == 0) {
            return new WilsonInterval(0, 1);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
