package io.kcplab.scenarios.run;

import io.kcplab.reports.result.Cdf;
import io.kcplab.reports.result.ConnectionResult;
import io.kcplab.reports.result.FlowResult;
import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.Percentiles;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Series;
import io.kcplab.reports.result.StandardSeries;
import io.kcplab.scenarios.Scenario;
import io.kcplab.scenarios.spec.WorkloadSpec;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.metrics.EndpointCounters;
import io.kcplab.sim.metrics.FlowMetrics;
import io.kcplab.sim.metrics.IntervalSeries;
import io.kcplab.sim.node.BulkTransfer;
import io.kcplab.sim.node.Workload;
import io.kcplab.sim.net.DropCause;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.LinkCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Turns a simulator {@link ExperimentResult} into the reports' {@link RunResult}.
 *
 * <ul>
 *   <li>flows ({@link FlowResult}): each direction of each conversation on its own — goodput while active, completion
 *       time of a finite bulk transfer, its own messages' latency, the sending endpoint's retransmissions and
 *       datagrams and the path's drops of them by cause ({@code drops_<cause>}); these are what the summaries show
 *       and the comparison gates;</li>
 *   <li>goodput (totals, kept for compatibility): application bytes delivered (both directions) x 8 / simulated
 *       seconds of the run;</li>
 *   <li>latency: one-way time from the application's write to the peer's read, of every message both ways;</li>
 *   <li>rtt: request-to-response round trips of echo workloads; for other workloads, the client engine's smoothed
 *       RTT sampled once per interval;</li>
 *   <li>link losses: datagrams the path dropped (loss, queue, MTU, outage), a path total, so 0 per connection;</li>
 *   <li>corrupt drops: datagrams the receiving codecs rejected (checksum/decryption failures).</li>
 * </ul>
 * Extra total metrics: integrity_errors (bytes delivered wrong: must be 0), early_retransmissions,
 * link_corrupted, link_duplicated, link_reordered, finished (1 when every workload completed); drops by cause,
 * both directions ({@code drops_<cause>}) and per direction ({@code link_up_drops_<cause>},
 * {@code link_down_drops_<cause>}) with causes random_loss, burst_loss (losses in a Markov loss model's burst
 * state; the random model has none), queue (tail drop: the limit was full), mtu, outage; and per endpoint
 * {@code client_/server_} datagrams_sent, wire_bytes_sent, retransmissions, fast_retransmissions, fec_recoveries
 * (also on each connection).
 *
 * <p>Server-scale runs (more than {@link #DETAILED} conversations) report one flow per workload entry and direction
 * over all of its conversations ({@link FlowAggregate}: {@code echo/up} for 10,000 echo sessions, with the spread of
 * each conversation's own latency percentiles); they keep the first {@link #DETAILED} conversations in detail
 * (per-connection metrics, latency CDF, series) and describe all of them by the spread of their own latency
 * percentiles in the totals: extras {@code conversations}, {@code conv_p50_latency_ms_{p50,p90,p99,max}} and
 * {@code conv_p99_latency_ms_{p50,p90,p99,max}} (over the conversations that delivered a message).
 */
public final class ResultConverter {

    private static final long MAX_MICROS = 3_600_000_000L;
    private static final int MAX_CDF_POINTS = 400;
    /**
     * Conversations a run keeps in detail (connection rows, CDFs, series: each costs a few KB to MB); beyond that,
     * flows are aggregated per workload entry and per-conversation percentiles summarise the conversations.
     */
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
        List<FlowResult> flows = new ArrayList<>();
        Map<String, FlowAggregate> aggregates = new LinkedHashMap<>();
        Histogram scratch = FlowAggregate.histogram();
        long[] endpoint = new long[ENDPOINT_EXTRAS.length];
        for (int i = 0; i < convs.size(); i++) {
            ConversationMetrics m = convs.get(i);
            String label = labels.get(i);
            String type = c.scenario().workloadOf(i).type();
            Workload workload = i < r.workloads().size() ? r.workloads().get(i) : null;
            latency.reset();
            addFlow(latency, m.upstream());
            addFlow(latency, m.downstream());
            rtt.reset();
            if (m.downstream() != null) {
                m.downstream().addRoundTripTo(rtt);
            }
            if (rtt.getTotalCount() == 0) {
                // srtt samples are in ms; the reports want ms, histograms here hold µs
                for (HistogramIterationValue v : m.srttSamples().recordedValues()) {
                    rtt.recordValueWithCount(Math.min(MAX_MICROS, v.getValueIteratedTo() * 1000),
                            v.getCountAtValueIteratedTo());
                }
            }
            allLatency.add(latency);
            allRtt.add(rtt);
            EndpointCounters client = m.clientCounters();
            EndpointCounters server = m.serverCounters();
            long segs = client.segmentsSent() + server.segmentsSent();
            long to = client.timeoutRetransmissions() + server.timeoutRetransmissions();
            long fr = client.fastRetransmissions() + server.fastRetransmissions();
            long er = client.earlyRetransmissions() + server.earlyRetransmissions();
            long rt = client.retransmissions() + server.retransmissions();
            long dg = client.datagramsSent() + server.datagramsSent();
            long wb = client.wireBytesSent() + server.wireBytesSent();
            long cd = client.corruptDrops() + server.corruptDrops();
            long fecRecovered = client.fecRecovered() + server.fecRecovered();
            long delivered = m.bytesDelivered();
            long msgs = latency.getTotalCount();
            long[] ends = endpointCounters(client, server);
            for (int k = 0; k < ends.length; k++) {
                endpoint[k] += ends[k];
            }
            Metrics.Builder connectionMetrics = Metrics.builder();
            for (int k = 0; k < ends.length; k++) {
                connectionMetrics.extra(ENDPOINT_EXTRAS[k], ends[k]);
            }
            Metrics metrics = connectionMetrics
                    .goodputBps(seconds > 0 ? delivered * 8 / seconds : 0)
                    .bytesDelivered(delivered)
                    .messagesDelivered(msgs)
                    .latencyMs(percentiles(latency))
                    .rttMs(percentiles(rtt))
                    .segmentsSent(segs)
                    .retransmissions(rt)
                    .fastRetransmissions(fr)
                    .timeoutRetransmissions(to)
                    .datagramsSent(dg)
                    .wireBytesSent(wb)
                    .overhead(delivered > 0 ? (double) wb / delivered : Double.NaN)
                    .fecRecoveries(fecRecovered)
                    .corruptDrops(cd)
                    .build();
            if (msgs > 0) {
                convP50.recordValue(latency.getValueAtPercentile(50));
                convP99.recordValue(latency.getValueAtPercentile(99));
            }
            if (serverScale) {
                String name = flowName(c.scenario(), i);
                boolean completed = completed(workload, m.upstream());
                if (m.upstream() != null) {
                    aggregates.computeIfAbsent(FlowResult.id(name, "up"), id -> new FlowAggregate(id, type))
                            .add(m.upstream(), client, server, completed, scratch, drops(m, true));
                }
                if (m.downstream() != null) {
                    aggregates.computeIfAbsent(FlowResult.id(name, "down"), id -> new FlowAggregate(id, type))
                            .add(m.downstream(), server, client, completed(workload, m.downstream()), scratch,
                                    drops(m, false));
                }
            } else {
                if (m.upstream() != null) {
                    flows.add(flow(FlowResult.id(label, "up"), type, m.upstream(), client, server, workload,
                            drops(m, true)));
                }
                if (m.downstream() != null) {
                    flows.add(flow(FlowResult.id(label, "down"), type, m.downstream(), server, client, workload,
                            drops(m, false)));
                }
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
            retrans += rt;
            fast += fr;
            timeout += to;
            early += er;
            datagrams += dg;
            wire += wb;
            fec += fecRecovered;
            corrupt += cd;
            integrity += m.integrityErrors();
        }
        for (FlowAggregate a : aggregates.values()) {
            flows.add(a.result());
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
        for (int k = 0; k < endpoint.length; k++) {
            total.extra(ENDPOINT_EXTRAS[k], endpoint[k]);
        }
        drops(total, "drops_", cu, cd);
        drops(total, "link_up_drops_", cu);
        drops(total, "link_down_drops_", cd);
        if (serverScale) {
            total.extra("conversations", convs.size());
            spread(total, "conv_p50_latency_ms", convP50);
            spread(total, "conv_p99_latency_ms", convP99);
        }
        return new RunResult(c.index(), c.runId(), c.scenario().name(), c.settings(), c.seed(), r.runHash(), seconds,
                total.build(), connections, series, flows,
                ProtocolParameters.of(c.scenario().config(), c.scenario().serverConfig()));
    }

    /** Per-endpoint extras, in the order {@link #endpointCounters} fills them. */
    static final String[] ENDPOINT_EXTRAS = {"client_datagrams_sent", "server_datagrams_sent",
        "client_wire_bytes_sent", "server_wire_bytes_sent", "client_retransmissions", "server_retransmissions",
        "client_fast_retransmissions", "server_fast_retransmissions", "client_fec_recoveries",
        "server_fec_recoveries"};

    private static long[] endpointCounters(EndpointCounters client, EndpointCounters server) {
        return new long[] {client.datagramsSent(), server.datagramsSent(), client.wireBytesSent(),
            server.wireBytesSent(), client.retransmissions(), server.retransmissions(), client.fastRetransmissions(),
            server.fastRetransmissions(), client.fecRecovered(), server.fecRecovered()};
    }

    /** One direction of one conversation, written by {@code sender} and read by {@code receiver}. */
    static FlowResult flow(String id, String type, FlowMetrics f, EndpointCounters sender,
                           EndpointCounters receiver, Workload workload, long[] drops) {
        FlowTotals totals = FlowTotals.of(f, sender, receiver, completed(workload, f), drops);
        return new FlowResult(id, type, totals.metrics().build());
    }

    /**
     * The path's drops of one direction of a conversation (the datagrams the flow's sending endpoint sent, ACKs
     * for the other direction included, as in its datagrams_sent), by kind in {@link ConversationMetrics#DROP_KINDS}.
     */
    static long[] drops(ConversationMetrics m, boolean upstream) {
        long[] d = new long[ConversationMetrics.DROP_KINDS.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = m.drops(upstream, k);
        }
        return d;
    }

    /** A finite bulk transfer that delivered everything (its flow has a completion time). */
    private static boolean completed(Workload workload, FlowMetrics f) {
        return workload instanceof BulkTransfer bulk && bulk.totalBytes() > 0 && bulk.finished()
                && f != null && f.activeMicros() >= 0;
    }

    /**
     * The connection part of an aggregated flow's id: the workload entry's name, or name-type when entries of
     * different types share that name (so one flow never pools two kinds).
     */
    private static String flowName(Scenario scenario, int conversation) {
        WorkloadSpec w = scenario.workloadOf(conversation);
        for (WorkloadSpec other : scenario.workloads()) {
            if (other.name().equals(w.name()) && !other.type().equals(w.type())) {
                return w.name() + "-" + w.type();
            }
        }
        return w.name();
    }

    /** Drops by cause of the given link directions, as extras {@code <prefix><cause>}. */
    private static void drops(Metrics.Builder total, String prefix, LinkCounters... directions) {
        long loss = 0;
        long burst = 0;
        long queue = 0;
        long mtu = 0;
        long outage = 0;
        for (LinkCounters d : directions) {
            loss += d.dropped(DropCause.LOSS);
            burst += d.burstLosses();
            queue += d.dropped(DropCause.QUEUE);
            mtu += d.dropped(DropCause.MTU);
            outage += d.dropped(DropCause.OUTAGE);
        }
        total.extra(prefix + "random_loss", loss - burst)
                .extra(prefix + "burst_loss", burst)
                .extra(prefix + "queue", queue)
                .extra(prefix + "mtu", mtu)
                .extra(prefix + "outage", outage);
    }

    /** How one per-conversation percentile (µs histogram, one value per conversation) spreads, in ms. */
    static void spread(Metrics.Builder total, String name, Histogram perConversation) {
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
            f.addLatencyTo(h); // leaves a conversation of few messages compact
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
