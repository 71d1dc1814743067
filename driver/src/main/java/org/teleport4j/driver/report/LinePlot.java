package org.teleport4j.driver.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A line chart written as PNG bytes (headless), e.g. loss vs epoch with one line per arm and a +/- std band. */
public final class LinePlot {
    /** One line: x, mean y and (optional, same length) the std of y. */
    public record Line(double[] x, double[] y, double[] std) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final Map<String, Line> lines = new LinkedHashMap<>();

    public LinePlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    public LinePlot add(String name, Line line) {
        lines.put(name, line);
        return this;
    }

    public byte[] png(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendVisible(true);
        for (Map.Entry<String, Line> e : lines.entrySet()) {
            Line l = e.getValue();
            XYSeries s = l.std() == null ? chart.addSeries(e.getKey(), l.x(), l.y()) : chart.addSeries(e.getKey(), l.x(), l.y(), l.std());
            s.setMarker(SeriesMarkers.NONE);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
