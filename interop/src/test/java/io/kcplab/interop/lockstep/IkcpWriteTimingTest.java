package io.kcplab.interop.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.interop.NativeIkcp;
import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.NonceSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ikcp profile's write path against C ikcp: a {@link Connection} write queues as {@code ikcp_send} does, and the
 * next tick sends what {@code ikcp_update} sends, byte for byte; an explicit {@link Connection#flush} sends what
 * {@code ikcp_flush} sends. The C side runs as a lock-step script (ikcp_driver.c) configured the way Connection
 * configures its engine; the Java side is two Connections on the raw wire (no cipher, no FEC) driven by the same
 * calls, and every call's datagrams are compared.
 */
class IkcpWriteTimingTest {

    private static final int CONV = 0x1234;
    private static final ConnectionConfig CONFIG = ConnectionConfig.builder().engine(KcpProfile.IKCP)
            .mode(ModePreset.NORMAL).windows(128, 128).mtu(1400).cipher(null).fec(0, 0).build();

    /** One call on both sides: the script op, and the same call on the Java end. */
    private record Step(String op, JavaCall call) {
    }

    @FunctionalInterface
    private interface JavaCall {
        /** Runs the call on {@code ends} (A, B) and returns its result in the driver's "= ..." form, or null. */
        String run(Connection[] ends, List<List<byte[]>> inFlight);
    }

    /** The datagrams each step emitted, as "X hex" lines, per step. */
    private static List<List<String>> cSide(List<Step> steps) {
        List<String> lines = new ArrayList<>(List.of("begin " + CONV));
        for (String e : new String[] {"A", "B"}) {
            // Connection's constructor: setMtu, setWindowSize, setNoDelay, setStreamMode, then update at creation
            lines.add(e + " mtu " + CONFIG.mtu());
            lines.add(e + " wndsize " + CONFIG.sndWnd() + " " + CONFIG.rcvWnd());
            lines.add(e + " nodelay " + CONFIG.nodelay() + " " + CONFIG.interval() + " " + CONFIG.resend() + " "
                    + CONFIG.nc());
            lines.add(e + " stream 1");
            lines.add(e + " update 0");
        }
        int setup = lines.size() - 1; // ops before the steps ("begin" is not an op)
        steps.forEach(s -> lines.add(s.op()));
        lines.add("end");
        Transcript t;
        try (NativeDriver c = LockstepPeer.start(NativeIkcp.Profile.PLAIN)) {
            t = c.run(Script.parse(String.join("\n", lines)), true);
        }
        List<List<String>> perOp = new ArrayList<>();
        for (String l : t.lines()) {
            if (l.startsWith("@")) {
                perOp.add(new ArrayList<>());
            } else if (!perOp.isEmpty() && (l.startsWith("> ") || l.startsWith("= "))) {
                perOp.get(perOp.size() - 1).add(l.startsWith("> ") ? l.substring(2) : l);
            }
        }
        assertEquals(setup + steps.size(), perOp.size(), t.text());
        for (List<String> op : perOp.subList(0, setup)) {
            assertTrue(op.stream().allMatch(s -> s.startsWith("= ")), "creation sends nothing: " + t.text());
        }
        return perOp.subList(setup, perOp.size());
    }

    private static List<List<String>> javaSide(List<Step> steps) {
        List<List<String>> perStep = new ArrayList<>();
        List<String> current = new ArrayList<>();
        List<List<byte[]>> inFlight = List.of(new ArrayList<>(), new ArrayList<>());
        Connection[] ends = new Connection[2];
        for (int i = 0; i < 2; i++) {
            String name = i == 0 ? "A" : "B";
            List<byte[]> channel = inFlight.get(i);
            ends[i] = new Connection(CONV, CONFIG, (b, o, l) -> {
                current.add(name + " " + HexFormat.of().formatHex(b, o, o + l));
                byte[] d = new byte[l];
                System.arraycopy(b, o, d, 0, l);
                channel.add(d);
            }, NonceSource.seeded(1), 0);
        }
        assertTrue(current.isEmpty(), "creation sends nothing");
        for (Step s : steps) {
            String ret = s.call().run(ends, inFlight);
            if (ret != null) {
                current.add("= " + ret);
            }
            perStep.add(List.copyOf(current));
            current.clear();
        }
        return perStep;
    }

    private static byte[] payload(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) ((seed + i * 0x9E3779B1) >>> 24);
        }
        return b;
    }

    private static Step write(int end, int len, int seed, long now) {
        return new Step((end == 0 ? "A" : "B") + " send " + len + " " + seed, (ends, f) -> {
            byte[] p = payload(len, seed);
            return Integer.toString(ends[end].write(p, 0, len, now) == len ? 0 : -1);
        });
    }

    private static Step tick(int end, long now) {
        return new Step((end == 0 ? "A" : "B") + " update " + now, (ends, f) -> {
            ends[end].tick(now);
            return null;
        });
    }

    private static Step flush(int end, long now) {
        // ikcp_flush at the engine's current time: the driver's "current" then "flush"
        return new Step((end == 0 ? "A" : "B") + " flush", (ends, f) -> {
            ends[end].flush(now);
            return null;
        });
    }

    private static Step check(int end, long now) {
        return new Step((end == 0 ? "A" : "B") + " check " + now,
                (ends, f) -> Long.toString(ends[end].nextWakeup(now)));
    }

    private static Step waitsnd(int end) {
        return new Step((end == 0 ? "A" : "B") + " waitsnd", (ends, f) -> Integer.toString(ends[end].waitSnd()));
    }

    /** The oldest datagram the sender emitted goes to the other end (received at {@code now}). */
    private static Step deliver(int from, long now) {
        return new Step("deliver " + (from == 0 ? "A" : "B") + " 0", (ends, f) -> {
            byte[] d = f.get(from).remove(0);
            ends[from ^ 1].receive(d, 0, d.length, now);
            return "0";
        });
    }

    private static Step read(int end) {
        return new Step((end == 0 ? "A" : "B") + " recv 4096", (ends, f) -> {
            byte[] buf = new byte[4096];
            int n = ends[end].read(buf, 0, buf.length);
            return n + " " + JavaRunner.hex16(JavaRunner.fnv64(buf, 0, n));
        });
    }

    private static Step current(int end, long now) {
        return new Step((end == 0 ? "A" : "B") + " current " + now, (ends, f) -> null);
    }

    @Test
    void aWriteWaitsForTheUpdateAndThenSendsWhatCSends() {
        List<Step> steps = List.of(
                write(0, 100, 5, 5),         // ikcp_send: nothing on the wire
                waitsnd(0),
                check(0, 5),                 // the next update is due at ts_flush (40)
                tick(0, 40),                 // ikcp_update: the PUSH leaves
                tick(1, 40),
                deliver(0, 40),
                read(1),
                write(1, 50, 9, 40),         // the reply queues too
                tick(1, 80),                 // ACK and reply PUSH in one datagram
                tick(0, 80),
                deliver(1, 80),
                tick(0, 120),                // A's ACK of the reply
                read(0),
                write(0, 3000, 11, 120),     // three segments queued, none sent
                current(0, 125),
                flush(0, 125),               // ikcp_flush sends them now
                tick(0, 160));
        List<List<String>> c = cSide(steps);
        List<List<String>> java = javaSide(steps);
        for (int i = 0; i < steps.size(); i++) {
            // the driver answers send with ikcp_send's return (0) and deliver with ikcp_input's (0)
            assertEquals(c.get(i), java.get(i), "step " + i + " (" + steps.get(i).op() + ")");
        }
        assertEquals(List.of("= 0"), java.get(0), "a write alone sends nothing");
        assertEquals(List.of("= 0"), java.get(7), "nor does the reply's write");
        assertEquals(List.of("= 0"), java.get(13), "nor a write of three segments");
        assertEquals(1, datagrams(java.get(3)), "the update sends the queued segment");
        assertEquals(3, datagrams(java.get(15)), "the flush sends the three queued segments");
    }

    private static long datagrams(List<String> step) {
        return step.stream().filter(s -> !s.startsWith("= ")).count();
    }
}
