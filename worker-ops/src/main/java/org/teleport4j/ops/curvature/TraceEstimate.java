package org.teleport4j.ops.curvature;

/**
 * A Monte-Carlo trace estimate.
 *
 * @param trace         mean of the probe values z^T A z
 * @param standardError sample standard deviation of the probe values / sqrt(probes) (NaN for one probe)
 * @param samples       the probe values, in draw order
 */
public record TraceEstimate(double trace, double standardError, double[] samples) {

    public int probes() {
        return samples.length;
    }

    /** Summarises probe values: their mean and its standard error. */
    static TraceEstimate of(double[] samples) {
        int p = samples.length;
        double mean = 0;
        for (double v : samples) mean += v;
        mean /= p;
        double ss = 0;
        for (double v : samples) ss += (v - mean) * (v - mean);
        double se = p > 1 ? Math.sqrt(ss / (p - 1) / p) : Double.NaN;
        return new TraceEstimate(mean, se, samples.clone());
    }
}
