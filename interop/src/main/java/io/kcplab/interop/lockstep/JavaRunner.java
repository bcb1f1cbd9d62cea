package io.kcplab.interop.lockstep;

import io.kcplab.protocol.kcp.Kcp;
import io.kcplab.protocol.kcp.KcpProfile;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs a {@link Script} on two Java {@link Kcp} engines (IKCP profile) joined by the same explicit channel as
 * the C driver, and writes the same transcript the C driver prints (see {@code ikcp_driver.c}). Keep the two
 * in step: every rule of the channel (1024-datagram tail drop, index modulo size, "empty") is mirrored here.
 *
 * <p>With the {@link KcpProfile#KCP_GO} profile it mirrors the kcp-go driver ({@code interop/src/main/go/kcplockstep/
 * main.go}) instead: {@code flush} answers kcp-go's flush return value, the kcp-go-only ops
 * ({@link Op.Kind#kcpGoOnly()}) are honoured, and the channel keeps each datagram without the sender's reserved
 * prefix (always 0 bytes on IKCP).
 */
public final class JavaRunner {

    static final int CHANNEL_CAP = 1024;

    private final boolean fastAckConserve;
    private final KcpProfile profile;
    private final boolean kcpGo;
    private byte[] scratch = new byte[1 << 16];

    /** @param fastAckConserve true to match the C build with -DIKCP_FASTACK_CONSERVE */
    public JavaRunner(boolean fastAckConserve) {
        this(KcpProfile.IKCP, fastAckConserve);
    }

    /** @param profile IKCP (against C ikcp) or KCP_GO (against kcp-go's kcp.go) */
    public JavaRunner(KcpProfile profile, boolean fastAckConserve) {
        this.profile = profile;
        this.kcpGo = profile == KcpProfile.KCP_GO;
        this.fastAckConserve = fastAckConserve;
    }

    /** One endpoint: the engine and the datagrams it emitted that are still in flight. */
    private static final class Endpoint {
        final String name;
        final List<byte[]> inFlight = new ArrayList<>();
        Kcp kcp;

        Endpoint(String name) {
            this.name = name;
        }
    }

    public Transcript run(Script script, boolean hex) {
        List<String> out = new ArrayList<>(script.size() * 4 + 8);
        Endpoint[] eps = {new Endpoint("A"), new Endpoint("B")};
        for (Endpoint e : eps) {
            e.kcp = new Kcp((int) script.conv, (buf, off, len) -> emitted(out, e, buf, off, len, hex),
                    profile);
            if (fastAckConserve) {
                e.kcp.setFastAckConserve(true);
            }
        }
        int i = 0;
        for (Op op : script.ops()) {
            out.add("@" + i++ + " " + op);
            try {
                String ret = apply(op, eps);
                if (ret != null) {
                    out.add("= " + ret);
                }
            } catch (RuntimeException ex) {
                // A Java engine that throws where C returns is a divergence, not a harness crash.
                StringWriter sw = new StringWriter();
                ex.printStackTrace(new PrintWriter(sw));
                String first = sw.toString().lines().limit(4).reduce((a, b) -> a + " | " + b).orElse("");
                out.add("! Java threw " + first);
            }
            out.add(state(eps[0]));
            out.add(state(eps[1]));
        }
        return new Transcript(out);
    }

    private static void emitted(List<String> out, Endpoint e, byte[] buf, int off, int len, boolean hex) {
        if (hex) {
            out.add("> " + e.name + " " + (len == 0 ? "-" : HexFormat.of().formatHex(buf, off, off + len)));
        } else {
            out.add("> " + e.name + " " + len + " " + hex16(fnv64(buf, off, len)));
        }
        if (e.inFlight.size() >= CHANNEL_CAP) {
            out.add("x " + e.name);
            return;
        }
        int strip = Math.min(e.kcp.reserved(), len); // kcp-go's reserved prefix: a session strips it before Input
        byte[] copy = new byte[len - strip];
        System.arraycopy(buf, off + strip, copy, 0, len - strip);
        e.inFlight.add(copy);
    }

    private String apply(Op op, Endpoint[] eps) {
        if (op.kind.channel) {
            return channel(op, eps[op.endpoint], eps[op.endpoint ^ 1]);
        }
        Kcp kcp = eps[op.endpoint].kcp;
        switch (op.kind) {
            case WNDSIZE:
                kcp.setWindowSize(op.intArg(0), op.intArg(1));
                return "0";
            case NODELAY:
                kcp.setNoDelay(op.intArg(0), op.intArg(1), op.intArg(2), op.intArg(3));
                return "0";
            case INTERVAL:
                kcp.setInterval(op.intArg(0));
                return "0";
            case MTU:
                return Integer.toString(kcp.setMtu(op.intArg(0)));
            case STREAM:
                kcp.setStreamMode(op.intArg(0) != 0);
                return null;
            case MINRTO:
                kcp.setMinRto(op.intArg(0));
                return null;
            case FASTRESEND:
                // ikcp's raw field; ikcp_nodelay(-1, -1, n, -1) sets exactly it for n >= 0
                if (op.intArg(0) < 0) {
                    throw new IllegalArgumentException("fastresend < 0 has no Java equivalent in scripts");
                }
                kcp.setNoDelay(-1, -1, op.intArg(0), -1);
                return null;
            case FASTLIMIT:
                kcp.setFastLimit(op.intArg(0));
                return null;
            case DEADLINK:
                kcp.setDeadLink(op.intArg(0));
                return null;
            case SEND: {
                int len = op.intArg(0);
                if (len < 0) {
                    return Integer.toString(kcp.send(scratch, 0, len));
                }
                byte[] buf = scratch(len);
                int seed = op.intArg(1);
                for (int i = 0; i < len; i++) {
                    buf[i] = (byte) ((seed + i * 0x9E3779B1) >>> 24);
                }
                return Integer.toString(kcp.send(buf, 0, len));
            }
            case RECV: {
                int len = op.intArg(0);
                if (len < 0) {
                    throw new IllegalArgumentException("recv with a negative length (ikcp peek) is not scripted for Java");
                }
                byte[] buf = scratch(len);
                int r = kcp.recv(buf, 0, len);
                return r >= 0 ? r + " " + hex16(fnv64(buf, 0, r)) : Integer.toString(r);
            }
            case PEEKSIZE:
                return Integer.toString(kcp.peekSize());
            case WAITSND:
                return Integer.toString(kcp.waitSnd());
            case UPDATE:
                kcp.update(op.intArg(0));
                return null;
            case CURRENT:
                kcp.setCurrent(op.intArg(0));
                return null;
            case FLUSH:
                if (kcpGo) {
                    return Integer.toUnsignedString(kcp.flushAndNextDelay());
                }
                kcp.flush();
                return null;
            case CHECK:
                return Integer.toUnsignedString(kcp.check(op.intArg(0)));
            case INJECT: {
                byte[] b = op.bytes();
                return Integer.toString(kcp.input(b, 0, b.length));
            }
            case INJECTFEC: {
                byte[] b = op.bytes();
                return Integer.toString(kcp.input(b, 0, b.length, false));
            }
            case ACKNODELAY:
                kcp.setAckNoDelay(op.arg(0) != 0);
                return null;
            case RESERVE:
                try {
                    kcp.setReserved(op.intArg(0));
                    return "1";
                } catch (IllegalArgumentException rejected) {
                    return "0"; // kcp-go's ReserveBytes answers false
                }
            case SNMP: {
                long lost = kcp.stats().timeoutRetransmissions();
                long fast = kcp.stats().fastRetransmissions();
                long early = kcp.stats().earlyRetransmissions();
                return kcp.stats().segmentsReceived() + " " + kcp.stats().segmentsSent() + " " + kcp.stats().repeatSegments() + " " + lost
                        + " " + fast + " " + early + " " + (lost + fast + early);
            }
            default:
                throw new IllegalStateException("unhandled op " + op);
        }
    }

    private static String channel(Op op, Endpoint from, Endpoint to) {
        List<byte[]> c = from.inFlight;
        if (c.isEmpty()) {
            return "empty";
        }
        int k = (int) (op.arg(0) % c.size());
        switch (op.kind) {
            case DELIVER: {
                byte[] d = c.remove(k);
                return Integer.toString(to.kcp.input(d, 0, d.length));
            }
            case DELIVERFEC: {
                byte[] d = c.remove(k);
                return Integer.toString(to.kcp.input(d, 0, d.length, false));
            }
            case DROP:
                c.remove(k);
                return "0";
            case DUP:
                if (c.size() < CHANNEL_CAP) {
                    c.add(k + 1, c.get(k).clone());
                }
                return "0";
            case TRUNCATE: {
                byte[] d = c.get(k);
                int n = (int) (op.arg(1) % (d.length + 1));
                byte[] t = new byte[n];
                System.arraycopy(d, 0, t, 0, n);
                c.set(k, t);
                return "0";
            }
            case CORRUPT: {
                byte[] d = c.get(k);
                if (d.length > 0) {
                    d[(int) (op.arg(1) % d.length)] ^= (byte) op.arg(2);
                }
                return "0";
            }
            case REORDER:
                c.add(c.remove(k));
                return "0";
            default:
                throw new IllegalStateException("unhandled channel op " + op);
        }
    }

    private byte[] scratch(int len) {
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        return scratch;
    }

    private static String state(Endpoint e) {
        Kcp k = e.kcp;
        StringBuilder sb = new StringBuilder(128);
        sb.append("s ").append(e.name);
        u(sb, k.stats().sndUna());
        u(sb, k.stats().sndNxt());
        u(sb, k.stats().rcvNxt());
        s(sb, k.stats().srtt());
        s(sb, k.stats().rttVar());
        s(sb, k.stats().rto());
        s(sb, k.minRto());
        u(sb, k.stats().cwnd());
        u(sb, k.stats().ssthresh());
        u(sb, k.stats().incr());
        u(sb, k.stats().remoteWindow());
        u(sb, k.receiveWindow());
        u(sb, k.sendWindow());
        u(sb, k.stats().probe());
        u(sb, k.stats().probeWait());
        u(sb, k.stats().tsProbe());
        u(sb, k.stats().tsFlush());
        u(sb, k.stats().sendBufferSize());
        u(sb, k.stats().sendQueueSize());
        u(sb, k.stats().receiveBufferSize());
        u(sb, k.stats().receiveQueueSize());
        u(sb, k.stats().xmit());
        u(sb, k.state());
        return sb.toString();
    }

    private static void u(StringBuilder sb, int v) {
        sb.append(' ').append(Integer.toUnsignedString(v));
    }

    private static void s(StringBuilder sb, int v) {
        sb.append(' ').append(v);
    }

    static long fnv64(byte[] b, int off, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = off; i < off + len; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static String hex16(long v) {
        String s = Long.toHexString(v);
        return s.length() == 16 ? s : "0".repeat(16 - s.length()) + s;
    }
}
