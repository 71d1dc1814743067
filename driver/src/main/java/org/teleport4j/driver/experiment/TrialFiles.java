package org.teleport4j.driver.experiment;

import org.teleport4j.driver.run.EpochMetrics;
import org.teleport4j.driver.teleport.TeleportLog;
import org.teleport4j.driver.train.SingleMachineTrainer;

import java.util.ArrayList;
import java.util.List;

/**
 * One finished trial as a small CSV: its epoch rows, one line per teleport ({@code #teleport,<teleports.csv row>}),
 * then a line with its teleport count and seconds.
 */
final class TrialFiles {
    private static final String TELEPORTS = "#teleports,";
    private static final String TELEPORT = "#teleport,";

    /** The trial file format for {@link TrialParallelRunner}. */
    static final TrialParallelRunner.ResultFile<SingleMachineTrainer.Outcome> FORMAT = new TrialParallelRunner.ResultFile<>() {
        @Override
        public String write(SingleMachineTrainer.Outcome result) {
            return TrialFiles.write(result);
        }

        @Override
        public SingleMachineTrainer.Outcome read(String text) {
            return TrialFiles.read(text);
        }
    };

    private TrialFiles() {
    }

    static String write(SingleMachineTrainer.Outcome o) {
        StringBuilder sb = new StringBuilder(EpochMetrics.HEADER).append('\n');
        for (EpochMetrics m : o.metrics()) sb.append(m.toCsv()).append('\n');
        for (TeleportLog.Entry e : o.teleports()) sb.append(TELEPORT).append(e.toCsv()).append('\n');
        sb.append(TELEPORTS).append(o.teleports().size()).append(',').append(o.teleportSeconds()).append('\n');
        return sb.toString();
    }

    /** The epoch rows, the teleport log and the teleport seconds. */
    static SingleMachineTrainer.Outcome read(String text) {
        List<EpochMetrics> rows = new ArrayList<>();
        List<TeleportLog.Entry> teleports = new ArrayList<>();
        double teleportSeconds = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.equals(EpochMetrics.HEADER)) continue;
            if (line.startsWith(TELEPORTS)) teleportSeconds = Double.parseDouble(line.split(",")[2]);
            else if (line.startsWith(TELEPORT)) teleports.add(TeleportLog.Entry.parseCsv(line.substring(TELEPORT.length())));
            else rows.add(EpochMetrics.parseCsv(line));
        }
        return new SingleMachineTrainer.Outcome(rows, teleports, teleportSeconds);
    }
}
