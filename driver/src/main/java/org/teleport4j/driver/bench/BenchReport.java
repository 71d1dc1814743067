package org.teleport4j.driver.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench job's result: one row per measured quantity (ratios in bold in the Markdown), plus free-text
 * notes (per-phase profile, what a measurement covered). Rendered as BENCHMARKS.md-ready Markdown and as CSV.
 */
public final class BenchReport {
    /**
     * @param section the issue-7 item (a..f)
     * @param ratio   whether the row is one of the ratios issue 7 asks for (bold in the Markdown)
     * @param target  the target as text ("&gt;= 0.7"), empty if none
     * @param met     "yes", "no" or "" (no target)
     */
    public record Row(String section, String metric, double value, String unit, boolean ratio, String target, String met, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public void value(String section, String metric, double value, String unit, String note) {
        rows.add(new Row(section, metric, value, unit, false, "", "", note));
    }

    public void ratio(String section, String metric, double value, String note) {
        rows.add(new Row(section, metric, value, "ratio", true, "", "", note));
    }

    /** A ratio with a target: {@code atLeast} true for "&gt;= target", false for "&lt;= target". */
    public void ratio(String section, String metric, double value, double target, boolean atLeast, String note) {
        boolean met = atLeast ? value >= target : value <= target;
        rows.add(new Row(section, metric, value, "ratio", true, (atLeast ? ">= " : "<= ") + fmt(target), met ? "yes" : "no", note));
    }

    public void note(String text) {
        notes.add(text);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder("section,metric,value,unit,ratio,target,met,note\n");
        for (Row r : rows)
            sb.append(String.join(",", csv(r.section), csv(r.metric), String.valueOf(r.value), csv(r.unit), String.valueOf(r.ratio),
                    csv(r.target), csv(r.met), csv(r.note))).append('\n');
        return sb.toString();
    }

    /** The table and notes, under a header holding the command, the machine and the load. */
    public String toMarkdown(String command, MachineInfo m, double loadStart, double loadEnd, double wallSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("Command: `").append(command).append("`\n\n");
        sb.append(String.format(Locale.ROOT, "Machine: %d cores, `%s`; SIMD flags: %s; %s; ND4J backend %s, BLAS %s; %s.%n",
                m.cores(), m.cpuModel(), m.simdFlags(), m.jvm(), m.nd4jBackend(), m.blas(), m.threads()));
        sb.append(String.format(Locale.ROOT, "Load average (1 min) at start %.2f, at end %.2f; wall time %.0f s.%n%n", loadStart, loadEnd, wallSeconds));
        sb.append("| item | measurement | value | unit | target | met | notes |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows)
            sb.append("| ").append(r.section).append(" | ").append(r.metric).append(" | ")
                    .append(r.ratio ? "**" + fmt(r.value) + "**" : fmt(r.value)).append(" | ").append(r.unit).append(" | ")
                    .append(r.target).append(" | ").append(r.met).append(" | ").append(r.note.replace("|", "/")).append(" |\n");
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) sb.append("- ").append(n).append('\n');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3)) return String.format(Locale.ROOT, "%.3g", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
