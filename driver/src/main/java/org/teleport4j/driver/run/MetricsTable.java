package org.teleport4j.driver.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch metrics of a run, rewritten whole (atomically) after every epoch. On resume it is reloaded and
 * cut back to the checkpointed epoch, so an interrupted epoch never leaves a duplicated row.
 */
public final class MetricsTable {
    public static final String FILE = "metrics.csv";
    private final RunDirectory dir;
    private final List<EpochMetrics> rows = new ArrayList<>();

    public MetricsTable(RunDirectory dir) {
        this.dir = dir;
    }

    /** Loads the rows of epochs up to and including {@code lastEpoch}. */
    public void restore(int lastEpoch) {
        rows.clear();
        if (!dir.exists(FILE)) return;
        for (String line : dir.readText(FILE).split("\n")) {
            if (line.isBlank() || line.startsWith("epoch")) continue;
            EpochMetrics m = EpochMetrics.parseCsv(line.trim());
            if (m.epoch() <= lastEpoch) rows.add(m);
        }
    }

    public void append(EpochMetrics m) {
        rows.removeIf(r -> r.epoch() == m.epoch());
        rows.add(m);
        StringBuilder sb = new StringBuilder(EpochMetrics.HEADER).append('\n');
        for (EpochMetrics r : rows) sb.append(r.toCsv()).append('\n');
        dir.writeText(FILE, sb.toString());
    }

    public List<EpochMetrics> rows() {
        return List.copyOf(rows);
    }
}
