package io.kcplab.sim.trace;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A compact text trace, one line per link event:
 * <pre>
 * # time_us link kind bytes packet_id
 * 25000 a->b deliver 1200 17
 * 25000 a->b duplicate 1200 18d
 * </pre>
 * ({@code d} marks a duplicate copy). Deterministic: two runs of the same scenario and seed write identical files.
 */
public final class TraceLog implements TraceSink, Closeable, Flushable {

    private final Appendable out;
    private final StringBuilder line = new StringBuilder(64);
    private long records;

    public TraceLog(Appendable out) {
        this.out = out;
        append("# time_us link kind bytes packet_id\n");
    }

    @Override
    public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
        line.setLength(0);
        line.append(timeMicros).append(' ').append(link == null ? "-" : link.name()).append(' ')
                .append(kind.label());
        if (packet != null) {
            line.append(' ').append(packet.length()).append(' ').append(packet.id());
            if (packet.isDuplicate()) {
                line.append('d');
            }
        }
        line.append('\n');
        append(line);
        records++;
    }

    public long records() {
        return records;
    }

    private void append(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace log", e);
        }
    }

    @Override
    public void flush() throws IOException {
        if (out instanceof Flushable f) {
            f.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out instanceof Closeable c) {
            c.close();
        }
    }
}
