package io.kcplab.sim.trace;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;

import java.util.Arrays;

/** Fans link events out to the sinks of a simulation (the run hash first, then logs and pcap writers). */
public final class Tracer implements TraceSink {

    private TraceSink[] sinks = new TraceSink[0];

    public void add(TraceSink sink) {
        sinks = Arrays.copyOf(sinks, sinks.length + 1);
        sinks[sinks.length - 1] = sink;
    }

    public void remove(TraceSink sink) {
        for (int i = 0; i < sinks.length; i++) {
            if (sinks[i] == sink) {
                TraceSink[] next = new TraceSink[sinks.length - 1];
                System.arraycopy(sinks, 0, next, 0, i);
                System.arraycopy(sinks, i + 1, next, i, sinks.length - i - 1);
                sinks = next;
                return;
            }
        }
    }

    @Override
    public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
        for (TraceSink s : sinks) {
            s.onLinkEvent(timeMicros, kind, link, packet);
        }
    }
}
