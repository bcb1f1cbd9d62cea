package io.kcplab.scenarios.run;

import io.kcplab.protocol.Connection;
import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.Percentiles;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.StandardSeries;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.metrics.FlowMetrics;
import io.kcplab.sim.metrics.IntervalSeries;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.LinkCounters;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Turns a simulator {@link ExperimentResult} into the reports' {@link RunResult}.
 *
 * <ul>
 *   <li>goodput: application bytes delivered (both directions) x 8 / simulated seconds of the run;</li>
 *   <li>latency: one-way time from the application's write to the peer's read, of every message both ways;</li>
 *   <li>rtt: request-to-response round trips of echo workloads; for other workloads, the client engine's smoothed
 *       RTT sampled once per interval;</li>
 *   <li>link losses: datagrams the path dropped (loss, queue, MTU, outage), a path total, so 0 per connection;</li>
 *   <li>corrupt drops: datagrams the receiving codecs rejected (checksum/decryption failures).</li>
 * </ul>
 * Extra total metrics: integrity_errors (bytes delivered wrong: must be 0), early_retransmissions,
 * link_corrupted, link_duplicated, link_reordered, finished (1 when every workload completed).
 *
 * <p>Server-scale runs (more than {@link #DETAILED} conversations) keep the first {@link #DETAILED} conversations in
 * detail (metrics, latency CDF, series) and describe all of them by the spread of their own latency percentiles:
 * extras {@code conversations}, {@code conv_p50_latency_ms_{p50,p90,p99,max}} and
 * {@code conv_p99_latency_ms_{p50,p90,p99,max}} (over the conversations that delivered a message).
 */
public final class ResultConverter {

    private static final long MAX_MICROS = 3_600_000_000L;
    private static final int MAX_CDF_POINTS = 400;
    /** Conversations a run keeps in detail; beyond that, per-conversation percentiles summarise them. */
    static final int DETAILED = 32;

    private ResultConverter() {
    }

    public static RunResult convert(RunCase c, ExperimentResult r) {
        double seconds = r.endMicros() / 1e6;
        List<String> labels = c.scenario().connectionLabels();
        List<ConnectionResult> connections = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        Histogram allLatency = histogram();
        Histogram allRtt = histogram();
        Metrics.Builder total = Metrics.builder();
        long bytes = 0;
        long messages = 0;
        long segments = 0;
        long retrans = 0;
        long fast = 0;
        long timeout = 0;
        long early = 0;
        long datagrams = 0;
        long wire = 0;
        long fec = 0;
        long corrupt = 0;
        long integrity = 0;
        List<ConversationMetrics> convs = r.conversations();
        boolean serverScale = convs.size() > DETAILED;
        Histogram convP50 = histogram();
        Histogram convP99 = histogram();
        Histogram latency = histogram(); // per conversation, reused (a full-range histogram is ~180 KB)
        Histogram rtt = histogram();
        for (int i = 0; i < convs.size(); i++) {
            ConversationMetrics m = convs.get(i);
            String label = labels.get(i);
            latency.reset();
            addFlow(latency, m.upstream());
            addFlow(latency, m.downstream());
            rtt.reset();
            if (m.downstream() != null && m.downstream().roundTrip().getTotalCount() > 0) {
                rtt.add(m.downstream().roundTrip());
            } else {
                // srtt samples are in ms; the reports want ms, histograms here hold µs
                for (HistogramIterationValue v : m.srttSamples().recordedValues()) {
                    rtt.recordValueWithCount(Math.min(MAX_MICROS, v.getValueIteratedTo() * 1000),
                            v.getCountAtValueIteratedTo());
                }
            }
            allLatency.add(latency);
            allRtt.add(rtt);
            Connection client = m.client();
            Connection server = m.server();
            long segs = client.kcp().stats().segmentsSent() + server.kcp().stats().segmentsSent();
            long to = client.kcp().stats().timeoutRetransmissions() + server.kcp().stats().timeoutRetransmissions();
            long fr = m.fastRetransmissions();
            long er = client.kcp().stats().earlyRetransmissions() + server.kcp().stats().earlyRetransmissions();
            long dg = client.wireCounters().outPkts() + server.wireCounters().outPkts();
            long wb = m.wireBytes();
            long cd = client.wireCounters().inCsumErrors() + server.wireCounters().inCsumErrors();
            long delivered = m.bytesDelivered();
            long msgs = latency.getTotalCount();
            Metrics metrics = Metrics.builder()
                    .goodputBps(seconds > 0 ? delivered * 8 / seconds : 0)
                    .bytesDelivered(delivered)
                    .messagesDelivered(msgs)
                    .latencyMs(percentiles(latency))
                    .rttMs(percentiles(rtt))
                    .segmentsSent(segs)
                    .retransmissions(m.retransmissionsTotal())
                    .fastRetransmissions(fr)
                    .timeoutRetransmissions(to)
                    .datagramsSent(dg)
                    .wireBytesSent(wb)
                    .overhead(delivered > 0 ? (double) wb / delivered : Double.NaN)
                    .fecRecoveries(m.fecRecovered())
                    .corruptDrops(cd)
                    .build();
            if (msgs > 0) {
                convP50.recordValue(latency.getValueAtPercentile(50));
                convP99.recordValue(latency.getValueAtPercentile(99));
            }
            if (i < DETAILED || !serverScale) {
                connections.add(new ConnectionResult(label, metrics, cdf(latency)));
                series.add(sum(StandardSeries.GOODPUT, label, m.goodputUp(), m.goodputDown()));
                series.add(of(StandardSeries.RTT, label, m.srtt()));
                series.add(of(StandardSeries.RTO, label, m.rto()));
                series.add(of(StandardSeries.RETRANSMISSIONS, label, m.retransmissions()));
            }
            bytes += delivered;
            messages += msgs;
            segments += segs;
            retrans += m.retransmissionsTotal();
            fast += fr;
            timeout += to;
            early += er;
            datagrams += dg;
            wire += wb;
            fec += m.fecRecovered();
            corrupt += cd;
            integrity += m.integrityErrors();
        }
        List<IntervalSeries> losses = r.recorder().linkLosses();
        String[] linkLabels = {"link-up", "link-down"};
        for (int i = 0; i < losses.size(); i++) {
            series.add(of(StandardSeries.LINK_LOSSES, i < linkLabels.length ? linkLabels[i] : "link-" + i,
                    losses.get(i)));
        }
        Link up = r.path().forward();
        Link down = r.path().reverse();
        LinkCounters cu = up.counters();
        LinkCounters cd = down.counters();
        total.goodputBps(seconds > 0 ? bytes * 8 / seconds : 0)
                .bytesDelivered(bytes)
                .messagesDelivered(messages)
                .latencyMs(percentiles(allLatency))
                .rttMs(percentiles(allRtt))
                .segmentsSent(segments)
                .retransmissions(retrans)
                .fastRetransmissions(fast)
                .timeoutRetransmissions(timeout)
                .datagramsSent(datagrams)
                .wireBytesSent(wire)
                .overhead(bytes > 0 ? (double) wire / bytes : Double.NaN)
                .fecRecoveries(fec)
                .linkLosses(cu.droppedTotal() + cd.droppedTotal())
                .corruptDrops(corrupt)
                .extra("integrity_errors", integrity)
                .extra("early_retransmissions", early)
                .extra("link_corrupted", cu.corrupted() + cd.corrupted())
                .extra("link_duplicated", cu.duplicated() + cd.duplicated())
                .extra("link_reordered", cu.reordered() + cd.reordered())
                .extra("finished", r.finished() ? 1 : 0);
        if (serverScale) {
            total.extra("conversations", convs.size());
            spread(total, "conv_p50_latency_ms", convP50);
            spread(total, "conv_p99_latency_ms", convP99);
        }
        return new RunResult(c.index(), c.runId(), c.scenario().name(), c.settings(), c.seed(), r.runHash(), seconds,
                total.build(), connections, series);
    }

    /** How one per-conversation percentile (µs histogram, one value per conversation) spreads, in ms. */
    private static void spread(Metrics.Builder total, String name, Histogram perConversation) {
        if (perConversation.getTotalCount() == 0) {
            return;
        }
        total.extra(name + "_p50", ms(perConversation.getValueAtPercentile(50)))
                .extra(name + "_p90", ms(perConversation.getValueAtPercentile(90)))
                .extra(name + "_p99", ms(perConversation.getValueAtPercentile(99)))
                .extra(name + "_max", ms(perConversation.getMaxValue()));
    }

    private static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    private static void addFlow(Histogram h, FlowMetrics f) {
        if (f != null) {
            h.add(f.latency());
        }
    }

    /** Percentiles in ms of a µs histogram; NONE when empty. */
    static Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Percentiles.NONE;
        }
        return new Percentiles(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                h.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** The empirical CDF (ms), thinned to at most MAX_CDF_POINTS points (always keeping the last). */
    static Cdf cdf(Histogram h) {
        long total = h.getTotalCount();
        if (total == 0) {
            return Cdf.EMPTY;
        }
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            points.add(new double[] {h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0,
                (double) v.getTotalCountToThisValue() / total});
        }
        int step = (points.size() + MAX_CDF_POINTS - 1) / MAX_CDF_POINTS;
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (i % step == step - 1 || i == points.size() - 1) {
                kept.add(points.get(i));
            }
        }
        double[] values = new double[kept.size()];
        double[] fractions = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            values[i] = kept.get(i)[0];
            fractions[i] = Math.min(1.0, kept.get(i)[1]);
        }
        return new Cdf(values, fractions);
    }

    private static Series of(String name, String connection, IntervalSeries s) {
        return new Series(name, s.unit(), connection, s.times(), s.values());
    }

    private static Series sum(String name, String connection, IntervalSeries a, IntervalSeries b) {
        double[] t = a.times();
        double[] v = a.values();
        double[] w = b.values();
        for (int i = 0; i < v.length && i < w.length; i++) {
            v[i] += w[i];
        }
        return new Series(name, a.unit(), connection, t, v);
    }
}
