package org.teleport4j.driver.sweep;

import org.teleport4j.driver.experiment.TrialParallelRunner;
import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.train.SingleMachineTrainer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One finished trial: a row per epoch with its metrics and the teleports done in that epoch. Also its file's format. */
public record TrialEpochs(List<Row> rows) implements Serializable {
    static final String HEADER = "epoch,train_loss,test_loss,test_accuracy,seconds,teleports,teleport_seconds";

    /** One epoch: losses are mean cross-entropy after the epoch; seconds count training and teleports, not evaluation. */
    public record Row(int epoch, double trainLoss, double testLoss, double testAccuracy, double seconds, int teleports,
                      double teleportSeconds) implements Serializable {
    }

    public Row last() {
        return rows.get(rows.size() - 1);
    }

    /** One teleport (or control reset) as far as the table needs it: its epoch and its time. */
    public record Teleport(int epoch, double seconds) {
    }

    /** Metrics per epoch, with the teleports (or control resets) of each epoch counted from the teleport log. */
    public static TrialEpochs of(List<EpochMetrics> metrics, List<Teleport> teleports) {
        List<Row> rows = new ArrayList<>();
        for (EpochMetrics m : metrics) {
            List<Teleport> in = teleports.stream().filter(t -> t.epoch() == m.epoch()).toList();
            rows.add(new Row(m.epoch(), m.trainLoss(), m.testLoss(), m.testAccuracy(), m.epochSeconds(), in.size(),
                    in.stream().mapToDouble(Teleport::seconds).sum()));
        }
        return new TrialEpochs(List.copyOf(rows));
    }

    /** A trial trained on one machine (trial-parallel mode). */
    public static TrialEpochs of(SingleMachineTrainer.Outcome o) {
        return of(o.metrics(), o.teleports().stream().map(e -> new Teleport(e.epoch(), e.seconds())).toList());
    }

    /** The trial's file: full precision, so a re-run reads back exactly what it wrote. */
    public static final TrialParallelRunner.ResultFile<TrialEpochs> FILE = new TrialParallelRunner.ResultFile<>() {
        @Override
        public String write(TrialEpochs t) {
            StringBuilder sb = new StringBuilder(HEADER).append('\n');
            for (Row r : t.rows())
                sb.append(r.epoch()).append(',').append(r.trainLoss()).append(',').append(r.testLoss()).append(',').append(r.testAccuracy())
                        .append(',').append(r.seconds()).append(',').append(r.teleports()).append(',').append(r.teleportSeconds()).append('\n');
            return sb.toString();
        }

        @Override
        public TrialEpochs read(String text) {
            List<Row> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.equals(HEADER)) continue;
                String[] f = line.split(",");
                if (f.length != 7) throw new IllegalArgumentException("trial row has " + f.length + " fields, expected 7: " + line);
                rows.add(new Row(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Integer.parseInt(f[5]), Double.parseDouble(f[6])));
            }
            return new TrialEpochs(List.copyOf(rows));
        }
    };
}
