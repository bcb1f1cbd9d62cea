package io.kcplab.sim.metrics;

import io.kcplab.sim.EventHandler;
import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.DropCause;
import io.kcplab.sim.net.Link;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples every conversation and link once per interval of virtual time, building the series the reports chart.
 * The sampler is itself a simulation event, so sampling is as deterministic as the rest of the run; it only reads
 * state, so it cannot change what the protocol does.
 */
public final class Recorder implements EventHandler {

    private final Simulation sim;
    private final long intervalMicros;
    private final List<ConversationMetrics> conversations = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final List<IntervalSeries> linkLosses = new ArrayList<>();
    private long[] lastLinkDrops = new long[0];

    public Recorder(Simulation sim, long intervalMicros) {
        if (intervalMicros < 1000) {
            throw new IllegalArgumentException("sample interval must be >= 1 ms, got " + intervalMicros + " µs");
        }
        this.sim = sim;
        this.intervalMicros = intervalMicros;
    }

    public void add(ConversationMetrics c) {
        conversations.add(c);
    }

    public void add(Link link) {
        links.add(link);
        linkLosses.add(new IntervalSeries("drops " + link.name(), "datagrams"));
        lastLinkDrops = Arrays.copyOf(lastLinkDrops, links.size());
    }

    public void start() {
        sim.schedule(sim.now() + intervalMicros, this, 0);
    }

    @Override
    public void onEvent(long nowMicros, long arg) {
        double t = nowMicros / 1e6;
        double dt = intervalMicros / 1e6;
        for (ConversationMetrics c : conversations) {
            c.sample(t, dt);
        }
        for (int i = 0; i < links.size(); i++) {
            long drops = links.get(i).counters().droppedTotal();
            linkLosses.get(i).add(t, drops - lastLinkDrops[i]);
            lastLinkDrops[i] = drops;
        }
        sim.schedule(nowMicros + intervalMicros, this, 0);
    }

    /** Takes every conversation's end-of-run totals; the run has ended. */
    public void finish() {
        for (ConversationMetrics c : conversations) {
            c.finish();
        }
    }

    public long intervalMicros() {
        return intervalMicros;
    }

    public List<ConversationMetrics> conversations() {
        return conversations;
    }

    public List<IntervalSeries> linkLosses() {
        return linkLosses;
    }

    /** Total link drops by cause over all recorded links. */
    public long drops(DropCause cause) {
        long n = 0;
        for (Link l : links) {
            n += l.counters().dropped(cause);
        }
        return n;
    }
}
