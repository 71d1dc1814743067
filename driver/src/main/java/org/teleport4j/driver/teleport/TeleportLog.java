package org.teleport4j.driver.teleport;

import org.teleport4j.driver.run.EpochRows;
import org.teleport4j.driver.run.RunDirectory;

import java.util.Locale;

/** teleports.csv in the run directory: one row per teleport (or per state reset of the control arm). */
public final class TeleportLog {
    public static final String FILE = "teleports.csv";
    public static final String HEADER = "epoch,round,global_round,mode,group,objective,objective_before,objective_after,"
            + "loss_before,loss_after,relative_loss_drift,steps_accepted,steps_attempted,sample_size,sample_on,state_policy,seconds";

    /** One teleport as logged. */
    public record Entry(int epoch, int round, long globalRound, String mode, String group, String objective,
                        double objectiveBefore, double objectiveAfter, double lossBefore, double lossAfter,
                        long stepsAccepted, int stepsAttempted, int sampleSize, String sampleOn, String statePolicy, double seconds)
            implements java.io.Serializable {
        public double relativeLossDrift() {
            return Math.abs(lossAfter - lossBefore) / Math.max(Math.abs(lossBefore), Double.MIN_NORMAL);
        }

        public String toCsv() {
            return String.join(",", String.valueOf(epoch), String.valueOf(round), String.valueOf(globalRound), mode, group, objective,
                    String.valueOf(objectiveBefore), String.valueOf(objectiveAfter), String.valueOf(lossBefore), String.valueOf(lossAfter),
                    String.valueOf(relativeLossDrift()), String.valueOf(stepsAccepted), String.valueOf(stepsAttempted),
                    String.valueOf(sampleSize), sampleOn, statePolicy, String.format(Locale.ROOT, "%.4f", seconds));
        }

        /** The inverse of {@link #toCsv()} (the drift column is derived, so it is skipped). */
        public static Entry parseCsv(String line) {
            String[] f = line.split(",", -1);
            if (f.length != 17) throw new IllegalArgumentException("a teleport log row has 17 fields, got " + f.length + ": " + line);
            return new Entry(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], f[4], f[5],
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                    Long.parseLong(f[11]), Integer.parseInt(f[12]), Integer.parseInt(f[13]), f[14], f[15], Double.parseDouble(f[16]));
        }
    }

    private final EpochRows rows;

    public TeleportLog(RunDirectory dir) {
        this.rows = new EpochRows(dir, FILE, HEADER);
    }

    public void restore(int lastEpoch) {
        rows.restore(lastEpoch);
    }

    public void add(Entry e) {
        rows.add(e.toCsv());
    }

    public int size() {
        return rows.rows().size();
    }
}
