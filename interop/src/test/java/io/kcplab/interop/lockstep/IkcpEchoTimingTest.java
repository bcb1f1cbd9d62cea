package io.kcplab.interop.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.interop.NativeIkcp;
import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.NonceSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * An echo session, Java ikcp against C ikcp under the same timing: the client writes a 200-byte request every
 * 100 ms (30 of them), the server writes back what it reads, over a clean path of 13 ms each way, kcptun's normal
 * mode (interval 40 ms), both ends updated when ikcp_check says (which is what calling ikcp_update every millisecond
 * amounts to, and what the simulator does). The Java pair runs the session and writes it down as a lock-step
 * script (every update, delivery, read and write at its millisecond), which the C driver then runs. Every datagram
 * (time, sender, bytes) must be the same on both sides, so the datagram count and the round trips are C's.
 *
 * <p>Two write paths: ikcp's own (a write waits for the next update) and flush on write (the application calls
 * ikcp_flush after each ikcp_send, which is kcp-go's rule, {@code writedelay: false}). Measured, Java and C alike:
 * ikcp's rule 75 datagrams and a mean round trip of 78.0 ms; flush on write 90 datagrams and 26.0 ms. The
 * simulator gives the same figures for the same session (scenarios' IkcpEchoFidelityTest).
 */
class IkcpEchoTimingTest {

    private static final int CONV = 0x4543;
    private static final int ONE_WAY_MS = 13;
    /**
     * The first request's time. With it and the 13 ms path no two events share a millisecond (updates fall on
     * multiples of 40 ms, requests 5 ms past a multiple of 20, arrivals 11, 13 or 18 past one), so the order in which
     * a loop handles one millisecond's events, which differs between C's test.cpp and the simulator, cannot
     * matter.
     */
    private static final int FIRST_MS = 5;
    private static final int REQUEST = 200;
    private static final int INTERVAL_MS = 100;
    private static final int REQUESTS = 30;
    private static final int END_MS = REQUESTS * INTERVAL_MS + 500;
    /** recv ops after each delivery: C's ikcp_recv returns one stream segment a call, a datagram holds at most 6. */
    private static final int RECVS = 8;

    /** What a session produced: every datagram as "time sender hex", and each request's round trip (ms). */
    private record Outcome(List<String> datagrams, List<Long> roundTrips) {

        double meanRoundTrip() {
            return roundTrips.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        }
    }

    /** The Java session and the script that replays it, built together millisecond by millisecond. */
    private static final class JavaSession {
        final boolean writeDelay;
        final ConnectionConfig config;
        final List<String> ops = new ArrayList<>();
        final List<Long> opTimes = new ArrayList<>();
        final List<String> datagrams = new ArrayList<>();
        final Connection[] ends = new Connection[2];
        final List<ArrayDeque<byte[]>> inFlight = List.of(new ArrayDeque<>(), new ArrayDeque<>());
        final List<ArrayDeque<Long>> arrivals = List.of(new ArrayDeque<>(), new ArrayDeque<>());
        final List<Long> roundTrips = new ArrayList<>();
        long now;
        long clientRead;
        int sends;

        JavaSession(boolean writeDelay) {
            this.writeDelay = writeDelay;
            this.config = ConnectionConfig.builder().engine(KcpProfile.IKCP).mode(ModePreset.NORMAL)
                    .windows(128, 128).mtu(1400).cipher(null).fec(0, 0).writeDelay(writeDelay).build();
            for (int i = 0; i < 2; i++) {
                int end = i;
                ends[i] = new Connection(CONV, config, (b, o, l) -> {
                    datagrams.add(now + " " + name(end) + " " + HexFormat.of().formatHex(b, o, o + l));
                    byte[] d = new byte[l];
                    System.arraycopy(b, o, d, 0, l);
                    inFlight.get(end).add(d);
                    arrivals.get(end).add(now + ONE_WAY_MS);
                }, NonceSource.seeded(1), 0);
            }
        }

        void op(String text) {
            ops.add(text);
            opTimes.add(now);
        }

        Outcome run() {
            // each millisecond in the order of C KCP's own test.cpp loop: update both ends, the client's send,
            // then the network's arrivals, each read at once and echoed by the server
            for (now = 0; now <= END_MS; now++) {
                for (int end = 0; end < 2; end++) {
                    if (ends[end].nextWakeup(now) <= now) {
                        op(name(end) + " update " + now);
                        ends[end].tick(now);
                    }
                }
                if (now >= FIRST_MS && (now - FIRST_MS) % INTERVAL_MS == 0 && (now - FIRST_MS) / INTERVAL_MS < REQUESTS) {
                    write(0, REQUEST);
                }
                for (int from = 0; from < 2; from++) {
                    while (!arrivals.get(from).isEmpty() && arrivals.get(from).peek() == now) {
                        deliver(from);
                    }
                }
            }
            return new Outcome(List.copyOf(datagrams), List.copyOf(roundTrips));
        }

        /** The oldest datagram {@code from} sent reaches the other end, which reads all it can. */
        void deliver(int from) {
            int to = from ^ 1;
            arrivals.get(from).remove();
            byte[] d = inFlight.get(from).remove();
            op(name(to) + " current " + now); // ikcp_input takes its time from kcp->current
            op("deliver " + name(from) + " 0");
            ends[to].receive(d, 0, d.length, now);
            byte[] buf = new byte[4096];
            int n = Math.max(0, ends[to].read(buf, 0, buf.length));
            for (int k = 0; k < RECVS; k++) {
                op(name(to) + " recv 4096");
            }
            if (to == 1 && n > 0) {
                write(1, n); // the echo
            } else if (to == 0) {
                clientRead += n;
                while (clientRead >= (long) (roundTrips.size() + 1) * REQUEST) {
                    roundTrips.add(now - issuedAt(roundTrips.size()));
                }
            }
        }

        void write(int end, int len) {
            int seed = ++sends;
            byte[] p = new byte[len];
            for (int i = 0; i < len; i++) {
                p[i] = (byte) ((seed + i * 0x9E3779B1) >>> 24);
            }
            if (!writeDelay) {
                op(name(end) + " current " + now);
            }
            op(name(end) + " send " + len + " " + seed);
            if (!writeDelay) {
                op(name(end) + " flush"); // what Connection.write does without write delay
            }
            assertEquals(len, ends[end].write(p, 0, len, now));
        }
    }

    private static long issuedAt(int request) {
        return FIRST_MS + (long) request * INTERVAL_MS;
    }

    private static String name(int end) {
        return end == 0 ? "A" : "B";
    }

    /** Runs the Java session's script on C ikcp and reads back C's datagrams and the client's round trips. */
    private static Outcome cSide(JavaSession java) {
        ConnectionConfig config = java.config;
        List<String> lines = new ArrayList<>(List.of("begin " + CONV));
        for (String e : new String[] {"A", "B"}) {
            // Connection's constructor: setMtu, setWindowSize, setNoDelay, setStreamMode, then update at creation
            lines.add(e + " mtu " + config.mtu());
            lines.add(e + " wndsize " + config.sndWnd() + " " + config.rcvWnd());
            lines.add(e + " nodelay " + config.nodelay() + " " + config.interval() + " " + config.resend() + " "
                    + config.nc());
            lines.add(e + " stream 1");
            lines.add(e + " update 0");
        }
        int setup = lines.size() - 1;
        lines.addAll(java.ops);
        lines.add("end");
        Transcript t;
        try (NativeDriver c = LockstepPeer.start(NativeIkcp.Profile.PLAIN)) {
            t = c.run(Script.parse(String.join("\n", lines)), true);
        }
        List<String> datagrams = new ArrayList<>();
        List<Long> roundTrips = new ArrayList<>();
        long clientRead = 0;
        int op = -1;
        for (String l : t.lines()) {
            if (l.startsWith("@")) {
                op++;
            } else if (l.startsWith("x ")) {
                throw new AssertionError("C's channel dropped a datagram: " + l);
            } else if (op >= setup && l.startsWith("> ")) {
                datagrams.add(java.opTimes.get(op - setup) + " " + l.substring(2));
            } else if (op >= setup && l.startsWith("= ") && java.ops.get(op - setup).equals("A recv 4096")) {
                int n = Integer.parseInt(l.substring(2).split(" ")[0]);
                clientRead += Math.max(0, n);
                long now = java.opTimes.get(op - setup);
                while (clientRead >= (long) (roundTrips.size() + 1) * REQUEST) {
                    roundTrips.add(now - issuedAt(roundTrips.size()));
                }
            }
        }
        assertEquals(setup + java.ops.size(), op + 1, "one transcript entry per op");
        return new Outcome(datagrams, roundTrips);
    }

    private static void check(boolean writeDelay, int datagrams, double meanRoundTrip) {
        JavaSession session = new JavaSession(writeDelay);
        Outcome java = session.run();
        Outcome c = cSide(session);
        report(writeDelay, java, c);
        assertEquals(REQUESTS, java.roundTrips().size(), "every request answered");
        assertEquals(c.datagrams().size(), java.datagrams().size(), "datagram count");
        for (int i = 0; i < c.datagrams().size(); i++) {
            assertEquals(c.datagrams().get(i), java.datagrams().get(i), "datagram " + i + " (time sender bytes)");
        }
        assertEquals(c.roundTrips(), java.roundTrips(), "round trips (ms)");
        assertEquals(datagrams, java.datagrams().size(), "pinned datagram count");
        assertEquals(meanRoundTrip, java.meanRoundTrip(), 1e-9, "pinned mean round trip");
        assertTrue(java.roundTrips().stream().allMatch(r -> r >= 2 * ONE_WAY_MS), java.roundTrips().toString());
    }

    /** The measured figures, for the record (docs/scenarios.md quotes them). */
    private static void report(boolean writeDelay, Outcome java, Outcome c) {
        System.out.printf(Locale.ROOT, "echo, %s: Java %d datagrams, mean RTT %.2f ms; C %d datagrams, mean RTT"
                        + " %.2f ms%n", writeDelay ? "ikcp write path (write waits for update)" : "flush on write",
                java.datagrams().size(), java.meanRoundTrip(), c.datagrams().size(), c.meanRoundTrip());
    }

    @Test
    void anEchoSessionSendsWhatCSendsWhenAWriteWaitsForTheUpdate() {
        check(true, 75, 78.0);
    }

    @Test
    void anEchoSessionSendsWhatCSendsWhenEachWriteIsFlushed() {
        check(false, 90, 26.0);
    }
}
