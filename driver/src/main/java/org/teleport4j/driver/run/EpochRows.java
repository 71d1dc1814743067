package org.teleport4j.driver.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file of a run whose rows belong to epochs (first column), rewritten whole and atomically on every
 * change. On resume it is reloaded and cut back to the checkpointed epoch, so rows of an interrupted epoch
 * are dropped and written again: no gaps, no duplicates.
 */
public final class EpochRows {
    private final RunDirectory dir;
    private final String file;
    private final String header;
    private final List<String> rows = new ArrayList<>();

    public EpochRows(RunDirectory dir, String file, String header) {
        this.dir = dir;
        this.file = file;
        this.header = header;
    }

    /** Loads the rows of epochs up to and including {@code lastEpoch}. */
    public void restore(int lastEpoch) {
        rows.clear();
        if (!dir.exists(file)) return;
        for (String line : dir.readText(file).split("\n")) {
            if (line.isBlank() || line.equals(header)) continue;
            if (epochOf(line) <= lastEpoch) rows.add(line);
        }
    }

    public void add(String row) {
        rows.add(row);
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String r : rows) sb.append(r).append('\n');
        dir.writeText(file, sb.toString());
    }

    public List<String> rows() {
        return List.copyOf(rows);
    }

    private static int epochOf(String line) {
        int comma = line.indexOf(',');
        return Integer.parseInt(comma < 0 ? line : line.substring(0, comma));
    }
}
