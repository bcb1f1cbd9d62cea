package io.kcplab.reports.chart;

import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.StandardSeries;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts of one run, built from its series and CDFs. Each returns a {@link JFreeChart} whose
 * {@code XYSeriesCollection} tests can inspect; draw it with {@link ChartRenderer}.
 * A chart over series the run does not have is still valid, just empty ("no data").
 */
public final class RunCharts {

    static {
        Headless.ensure();
    }

    private RunCharts() {
    }

    /** Goodput per connection over simulated time, in Mbit/s. */
    public static JFreeChart goodput(RunResult run) {
        return timeSeries(run, "Goodput over time", "goodput", StandardSeries.GOODPUT);
    }

    /** Smoothed RTT and the retransmission timeout per connection. */
    public static JFreeChart rttAndRto(RunResult run) {
        return timeSeries(run, "RTT and RTO over time", "time", StandardSeries.RTT, StandardSeries.RTO);
    }

    /** Retransmitted segments and link-dropped datagrams per interval. */
    public static JFreeChart retransmissionsAndLosses(RunResult run) {
        return timeSeries(run, "Retransmissions and link losses", "count per interval",
                StandardSeries.RETRANSMISSIONS, StandardSeries.LINK_LOSSES);
    }

    /**
     * One line per (series name, connection). The axis unit is taken from the first series;
     * bit/s is shown as Mbit/s so axis labels stay short.
     */
    public static JFreeChart timeSeries(RunResult run, String title, String quantity, String... seriesNames) {
        XYSeriesCollection data = new XYSeriesCollection();
        String unit = "";
        for (String name : seriesNames) {
            for (Series s : run.series(name)) {
                double scale = 1;
                String u = s.unit();
                if (u.equals("bit/s")) {
                    scale = 1e-6;
                    u = "Mbit/s";
                }
                if (unit.isEmpty()) {
                    unit = u;
                }
                XYSeries xy = new XYSeries(seriesNames.length > 1 ? s.name() + " " + s.connection() : s.connection(),
                        false, true);
                for (int i = 0; i < s.size(); i++) {
                    xy.add(s.time(i), s.value(i) * scale, false);
                }
                data.addSeries(xy);
            }
        }
        String yLabel = unit.isEmpty() ? quantity : quantity + " (" + unit + ")";
        JFreeChart chart = ChartFactory.createXYLineChart(title + " — " + run.runId(), "simulated time (s)", yLabel,
                data, PlotOrientation.VERTICAL, true, false, false);
        ((XYPlot) chart.getPlot()).setNoDataMessage("no data");
        return ChartStyle.apply(chart);
    }

    /** Message latency CDF per connection (step plot; x = latency in ms, y = fraction of messages). */
    public static JFreeChart latencyCdf(RunResult run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ConnectionResult c : run.connections()) {
            if (c.latencyCdf().size() == 0) {
                continue;
            }
            XYSeries xy = new XYSeries(c.connection(), false, true);
            for (int i = 0; i < c.latencyCdf().size(); i++) {
                xy.add(c.latencyCdf().value(i), c.latencyCdf().fraction(i), false);
            }
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Message latency CDF — " + run.runId(), "latency (ms)",
                "fraction of messages", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = (XYPlot) chart.getPlot();
        plot.setRenderer(new XYStepRenderer());
        plot.getRangeAxis().setRange(0, 1.0);
        plot.setNoDataMessage("no messages delivered");
        return ChartStyle.apply(chart);
    }
}
