package org.teleport4j.driver.run;

/** One row of a run's metrics.csv. Losses are mean softmax cross-entropy. */
public record EpochMetrics(int epoch, double trainLoss, double testLoss, double testAccuracy, double epochSeconds,
                           long examples, int rounds) implements java.io.Serializable {
    public static final String FILE = "metrics.csv";
    public static final String HEADER = "epoch,train_loss,test_loss,test_accuracy,epoch_seconds,examples,rounds";

    public static java.util.List<EpochMetrics> parseAll(java.util.List<String> rows) {
        return rows.stream().map(EpochMetrics::parseCsv).toList();
    }

    public String toCsv() {
        // Full precision: a resumed run's rows must equal the rows it wrote before the interruption.
        return epoch + "," + trainLoss + "," + testLoss + "," + testAccuracy + "," + epochSeconds + "," + examples + "," + rounds;
    }

    public static EpochMetrics parseCsv(String line) {
        String[] f = line.split(",");
        if (f.length != 7) throw new IllegalArgumentException("metrics row has " + f.length + " fields, expected 7: " + line);
        return new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6]));
    }
}
