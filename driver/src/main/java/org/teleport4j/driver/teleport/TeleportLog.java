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

        String toCsv() {
            return String.join(",", String.valueOf(epoch), String.valueOf(round), String.valueOf(globalRound), mode, group, objective,
                    String.valueOf(objectiveBefore), String.valueOf(objectiveAfter), String.valueOf(lossBefore), String.valueOf(lossAfter),
                    String.valueOf(relativeLossDrift()), String.valueOf(stepsAccepted), String.valueOf(stepsAttempted),
                    String.valueOf(sampleSize), sampleOn, statePolicy, String.format(Locale.ROOT, "%.4f", seconds));
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
