package org.teleport4j.driver.correlate;

import java.io.Serializable;
import java.util.List;

/**
 * One trained model and its measures, as one CSV row (models.csv, and one file per model for resuming).
 *
 * @param lambdaMax      the top Hessian eigenvalue on the measure's training examples
 * @param trace          Hutchinson's estimate of the Hessian trace on the same examples
 * @param lanczosConverged whether lambda_max met its tolerance
 * @param trainSeconds   training time; {@code measureSeconds}: time of all measures
 */
public record ModelMeasures(int model, long seed, double trainLoss, double testLoss, double testAccuracy, double phi, double psi,
                            double lambdaMax, double trace, boolean lanczosConverged, double trainSeconds, double measureSeconds)
        implements Serializable {
    public static final String HEADER = "model,seed,train_loss,test_loss,test_accuracy,phi,psi,lambda_max,trace,lanczos_converged,train_seconds,measure_seconds";

    /** The measures the report correlates, in column order, with their CSV names. */
    public static final List<String> MEASURES = List.of("phi", "psi", "lambda_max", "trace", "train_loss", "test_loss", "test_accuracy");

    public double value(String measure) {
        return switch (measure) {
            case "phi" -> phi;
            case "psi" -> psi;
            case "lambda_max" -> lambdaMax;
            case "trace" -> trace;
            case "train_loss" -> trainLoss;
            case "test_loss" -> testLoss;
            case "test_accuracy" -> testAccuracy;
            default -> throw new IllegalArgumentException("no measure named " + measure + "; known: " + MEASURES);
        };
    }

    public String toCsv() {
        // Full precision (shortest round-trip form): a resumed run reads back exactly what it measured.
        return String.join(",", String.valueOf(model), String.valueOf(seed), d(trainLoss), d(testLoss), d(testAccuracy), d(phi), d(psi),
                d(lambdaMax), d(trace), String.valueOf(lanczosConverged), d(trainSeconds), d(measureSeconds));
    }

    public static ModelMeasures parseCsv(String line) {
        String[] f = line.trim().split(",");
        if (f.length != 12) throw new IllegalArgumentException("a model row has 12 fields (" + HEADER + "), got: " + line);
        return new ModelMeasures(Integer.parseInt(f[0]), Long.parseLong(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]),
                d(f[8]), Boolean.parseBoolean(f[9]), d(f[10]), d(f[11]));
    }

    private static String d(double v) {
        return Double.toString(v);
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }
}
