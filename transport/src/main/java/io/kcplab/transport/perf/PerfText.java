package io.kcplab.transport.perf;

import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.Wire;
import java.util.Locale;

/** iperf3-style text for intervals and reports. */
public final class PerfText {

    private static final String RULE = "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -";

    private PerfText() {
    }

    /** A session's settings in one line: the connection config and the wire (no checksum with the raw wire). */
    public static String settings(SessionOptions o) {
        String c = o.connection().describe();
        if (o.wire() == Wire.RAW) {
            c = c.replaceAll(" checksum=\\S+", "");
        }
        return c + " wire=" + o.wire().label();
    }

    /** The column heading printed before the first interval. */
    public static String intervalHeader() {
        return "[ ID] Interval           Transfer      Goodput          RTT      RTO   Retr   Fast    FEC   Cwnd";
    }

    /** One interval line, e.g. {@code [  1]   0.00-1.00   s  11.9 MBytes   100.0 Mbit/s   0 ms   30 ms ...}. */
    public static String interval(int id, PerfInterval iv) {
        return String.format(Locale.ROOT, "[%3d] %7.2f-%-7.2f s  %s  %7.1f Mbit/s  %4d ms  %4d ms  %5d  %5d  %5d  %5d",
                id, iv.start(), iv.end(), bytes(iv.bytes()), iv.goodputMbps(), iv.srttMs(), iv.rtoMs(),
                iv.retransmissions(), iv.fastRetransmissions(), iv.fecRecovered(), iv.cwnd());
    }

    /** The summary block of a report (several lines, no trailing newline). */
    public static String summary(int id, PerfReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n');
        sb.append(String.format(Locale.ROOT, "[%3d] %7.2f-%-7.2f s  %s  %7.1f Mbit/s  %s, %s%n", id, 0.0,
                r.durationMicros() / 1e6, bytes(r.bytes()), r.goodputMbps(), r.direction().name().toLowerCase(Locale.ROOT),
                r.role()));
        PerfCounters s = r.sender();
        PerfCounters v = r.receiver();
        sb.append(String.format(Locale.ROOT, "      sender:   %d segments, %d retransmitted (%.2f%%: %d fast, %d"
                        + " after RTO)%n", s.segmentsSent(), s.retransmissions(), r.retransmissionRate() * 100,
                s.fastRetransmissions(), s.lostSegments()));
        sb.append(String.format(Locale.ROOT, "      receiver: %d segments sent, %d FEC recoveries%n",
                v.segmentsSent(), v.fecRecovered()));
        sb.append(String.format(Locale.ROOT, "      sha256 sent     %s  %d bytes%n", orNone(r.senderSha256()),
                r.bytes()));
        sb.append(String.format(Locale.ROOT, "      sha256 received %s  %d bytes%n", orNone(r.receiverSha256()),
                r.receiverBytes()));
        if (r.echoSha256() != null) {
            sb.append(String.format(Locale.ROOT, "      sha256 echoed   %s  %d bytes%n", r.echoSha256(),
                    r.echoBytes()));
        }
        sb.append("      ").append(r.ok() ? "OK: counts and SHA-256 match; the stream matches the pattern of seed "
                + r.seed() : "FAILED: " + r.failure());
        return sb.toString();
    }

    /** iperf3's units: KBytes/MBytes/GBytes of 1024. */
    public static String bytes(long n) {
        if (n < 1024L * 1024) {
            return String.format(Locale.ROOT, "%6.1f KBytes", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%6.1f MBytes", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%6.2f GBytes", n / (1024.0 * 1024 * 1024));
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : s;
    }
}
