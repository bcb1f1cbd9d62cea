package io.kcplab.interop.lockstep;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates lock-step scripts that push both engines through every mode and trap the oracle knows about:
 * default / normal (0,40,2,1) / fast (0,30,2,1) / nodelay 1 (1,10,2,1) / nodelay 2 (2,10,2,1) / random
 * nodelay parameters; stream and message mode; MTU 50..1500 (and invalid ones); windows 1..1024; messages
 * from 0 bytes past the 127-fragment limit; clocks starting anywhere, including just below 2^32 so they wrap;
 * steps from 0 ms to past the 10 s resync of ikcp_update (and a few backwards); a reader that stalls (zero
 * window, probes); and channel faults (drop, duplicate, reorder, truncate, corrupt) at a per-script rate.
 *
 * <p>Every choice comes from {@link Draws}; small draws mean simple choices, so shrinking simplifies.
 */
public final class ScriptGenerator {

    private final int minOps;
    private final int maxOps;

    public ScriptGenerator(int minOps, int maxOps) {
        if (minOps < 1 || maxOps < minOps) {
            throw new IllegalArgumentException("need 1 <= minOps <= maxOps, got " + minOps + ".." + maxOps);
        }
        this.minOps = minOps;
        this.maxOps = maxOps;
    }

    /** Per-endpoint facts the generator tracks to pick sensible sizes and steps. */
    private static final class Side {
        int mss = 1376;
        int interval = 100;
    }

    public Script generate(Draws d) {
        List<Op> ops = new ArrayList<>();
        int target = d.intBetween(minOps, maxOps);
        long conv = d.percent(70) ? d.between(0, 1000) : d.between(0, 0xFFFF_FFFFL);
        Side[] sides = {new Side(), new Side()};
        boolean stream = d.percent(30);
        int faultPercent = new int[] {0, 3, 8, 16}[d.intBetween(0, 3)];
        int readPercent = new int[] {10, 4, 16, 1}[d.intBetween(0, 3)];
        boolean sameMode = d.percent(70);
        int mode = d.intBetween(0, 5);
        for (int e = 0; e < 2; e++) {
            configure(d, ops, e, sides[e], sameMode ? mode : d.intBetween(0, 5), stream);
        }
        // "stalled reader": B does not read until op stallUntil while A sends many small messages with a wide
        // window and no congestion window, so B's queue fills, its advertised window drops to 0 and A has to
        // probe (WASK after 7 s, WINS back, WINS when B drains).
        int stallUntil = -1;
        int stallPhaseAt = -1;
        if (d.percent(25)) {
            stallPhaseAt = stream ? -1 : d.intBetween(0, target / 4);
            stallUntil = d.intBetween(target / 2, target);
            ops.add(Op.of(Op.Kind.WNDSIZE, Op.A, d.between(128, 1024), 0));
            ops.add(Op.of(Op.Kind.NODELAY, Op.A, -1, -1, -1, 1));
            ops.add(Op.of(Op.Kind.WNDSIZE, Op.B, 0, 128)); // the smallest receive window ikcp allows
            int mtu = d.intBetween(1000, 1500); // many small segments per datagram (safe: nothing queued yet)
            ops.add(Op.of(Op.Kind.MTU, Op.A, mtu));
            sides[Op.A].mss = mtu - 24;
        }

        long now;
        switch (d.intBetween(0, 3)) {
            case 0:
                now = 0;
                break;
            case 1:
                now = d.between(0, 100_000);
                break;
            case 2:
                now = d.between(0, 0xFFFF_FFFFL);
                break;
            default:
                now = 0x1_0000_0000L - d.between(1, 60_000); // crosses the 32-bit wrap during the script
                break;
        }

        while (ops.size() < target) {
            if (stallPhaseAt >= 0 && ops.size() >= stallPhaseAt) {
                now = fillReceiveWindow(d, ops, now);
                stallPhaseAt = -1;
                continue;
            }
            int w = d.intBetween(0, 99);
            if (w < 25) {
                now = (now + step(d, Math.max(sides[0].interval, sides[1].interval))) & 0xFFFF_FFFFL;
                int who = d.intBetween(0, 9);
                if (who < 4) {
                    ops.add(Op.of(Op.Kind.UPDATE, Op.A, now));
                    ops.add(Op.of(Op.Kind.UPDATE, Op.B, now));
                } else if (who < 8) {
                    ops.add(Op.of(Op.Kind.UPDATE, Op.B, now));
                    ops.add(Op.of(Op.Kind.UPDATE, Op.A, now));
                } else {
                    ops.add(Op.of(Op.Kind.UPDATE, who == 8 ? Op.A : Op.B, now));
                }
            } else if (w < 52) {
                int from = d.percent(55) ? Op.A : Op.B;
                int burst = d.percent(70) ? 1 : d.intBetween(2, 6);
                for (int i = 0; i < burst; i++) {
                    ops.add(Op.of(Op.Kind.DELIVER, from, d.percent(80) ? 0 : d.between(0, 9)));
                }
            } else if (w < 62) {
                int e = d.percent(80) ? Op.A : Op.B;
                if (e == Op.A && ops.size() < stallUntil) {
                    // bursts of small messages: many segments, packed many to a datagram
                    for (int i = d.intBetween(16, 64); i > 0; i--) {
                        ops.add(Op.of(Op.Kind.SEND, e, d.between(0, 64), d.between(0, 0xFFFF_FFFFL)));
                    }
                    continue;
                }
                ops.add(Op.of(Op.Kind.SEND, e, messageLength(d, sides[e].mss), d.between(0, 0xFFFF_FFFFL)));
            } else if (w < 62 + readPercent) {
                int e = d.percent(80) ? Op.B : Op.A;
                if (e == Op.B && ops.size() < stallUntil) {
                    ops.add(Op.of(Op.Kind.DELIVER, Op.A, 0));
                    continue;
                }
                ops.add(Op.of(Op.Kind.RECV, e, recvBuffer(d, sides[e ^ 1].mss)));
            } else if (w < 62 + readPercent + faultPercent) {
                ops.add(fault(d));
            } else if (w < 93) {
                // more deliveries keep the channels from piling up
                ops.add(Op.of(Op.Kind.DELIVER, d.percent(50) ? Op.A : Op.B, d.percent(85) ? 0 : d.between(0, 4)));
            } else if (w < 98) {
                ops.add(probeOp(d, now));
            } else {
                reconfigure(d, ops, sides);
            }
        }
        return new Script(conv, ops.size() > maxOps ? ops.subList(0, maxOps) : ops);
    }

    /**
     * Message mode only: A queues more small messages than B's 128-slot window, the channel carries them in a
     * few rounds, B (not reading) advertises window 0, and long steps let A's probe timer fire (WASK at +7 s).
     */
    private static long fillReceiveWindow(Draws d, List<Op> ops, long now) {
        for (int i = d.intBetween(130, 180); i > 0; i--) {
            ops.add(Op.of(Op.Kind.SEND, Op.A, d.between(0, 32), d.between(0, 0xFFFF_FFFFL)));
        }
        for (int round = 0; round < 6; round++) {
            now = (now + (round < 4 ? d.between(10, 100) : d.between(3000, 8000))) & 0xFFFF_FFFFL;
            ops.add(Op.of(Op.Kind.UPDATE, Op.A, now));
            ops.add(Op.of(Op.Kind.UPDATE, Op.B, now));
            for (int k = round < 4 ? 6 : 2; k > 0; k--) {
                ops.add(Op.of(Op.Kind.DELIVER, Op.A, 0));
            }
            for (int k = 2; k > 0; k--) {
                ops.add(Op.of(Op.Kind.DELIVER, Op.B, 0));
            }
        }
        return now;
    }

    private static void configure(Draws d, List<Op> ops, int e, Side side, int mode, boolean stream) {
        // ikcp's order: wndsize, nodelay, raw fields, mtu (nodelay resets rx_minrto, so minrto comes after it).
        if (d.percent(70)) {
            ops.add(Op.of(Op.Kind.WNDSIZE, e, window(d), window(d)));
        }
        switch (mode) {
            case 1:
                nodelay(ops, e, side, 0, 40, 2, 1);
                break;
            case 2:
                nodelay(ops, e, side, 0, 30, 2, 1);
                break;
            case 3:
                nodelay(ops, e, side, 1, 10, 2, 1);
                break;
            case 4:
                nodelay(ops, e, side, 2, 10, 2, 1);
                break;
            case 5:
                nodelay(ops, e, side, d.intBetween(-1, 3), d.intBetween(-1, 300), d.intBetween(-1, 5),
                        d.intBetween(-1, 1));
                break;
            default:
                break; // ikcp defaults
        }
        if (d.percent(20)) {
            ops.add(Op.of(Op.Kind.MINRTO, e, d.between(1, 300)));
        }
        if (d.percent(10)) {
            ops.add(Op.of(Op.Kind.FASTRESEND, e, d.between(0, 5)));
        }
        if (d.percent(15)) {
            ops.add(Op.of(Op.Kind.FASTLIMIT, e, d.between(-1, 8)));
        }
        if (d.percent(15)) {
            ops.add(Op.of(Op.Kind.DEADLINK, e, d.between(1, 25)));
        }
        if (stream) {
            ops.add(Op.of(Op.Kind.STREAM, e, 1));
        }
        if (d.percent(60)) {
            int mtu = d.percent(92) ? d.intBetween(50, 1500) : d.intBetween(0, 49);
            ops.add(Op.of(Op.Kind.MTU, e, mtu));
            if (mtu >= 50) {
                side.mss = mtu - 24;
            }
        }
    }

    private static void nodelay(List<Op> ops, int e, Side side, int nd, int interval, int resend, int nc) {
        ops.add(Op.of(Op.Kind.NODELAY, e, nd, interval, resend, nc));
        if (interval >= 0) {
            side.interval = Math.max(10, Math.min(5000, interval));
        }
    }

    private static long window(Draws d) {
        switch (d.intBetween(0, 3)) {
            case 0:
                return d.between(1, 8);
            case 1:
                return d.between(9, 128);
            case 2:
                return d.between(129, 1024);
            default:
                return d.between(0, 2048); // 0 keeps the current value in ikcp_wndsize
        }
    }

    /** Milliseconds to advance the shared clock; mostly below the flush interval, sometimes seconds. */
    private static long step(Draws d, int interval) {
        int c = d.intBetween(0, 99);
        if (c < 8) {
            return 0;
        } else if (c < 58) {
            return d.between(1, interval);
        } else if (c < 83) {
            return d.between(interval, 1000);
        } else if (c < 95) {
            return d.between(1000, 5000);
        } else if (c < 99) {
            return d.between(5000, 15_000); // past ikcp_update's 10 s resync
        } else {
            return -d.between(1, 50); // a clock that steps back
        }
    }

    private static long messageLength(Draws d, int mss) {
        int c = d.intBetween(0, 99);
        if (c < 3) {
            return 0;
        } else if (c < 50) {
            return d.between(1, mss);
        } else if (c < 80) {
            return d.between(mss + 1, 8L * mss);
        } else if (c < 92) {
            return d.between(8L * mss, 40L * mss);
        } else if (c < 97) {
            return d.between(100L * mss, 127L * mss); // up to the largest message ikcp accepts
        } else {
            return d.between(127L * mss + 1, 130L * mss); // past the fragment limit: -2 in message mode
        }
    }

    private static long recvBuffer(Draws d, int peerMss) {
        int c = d.intBetween(0, 99);
        if (c < 75) {
            return 200_000;
        } else if (c < 90) {
            return d.between(0, 3 * (long) peerMss);
        } else {
            return d.between(1, 64);
        }
    }

    private static Op fault(Draws d) {
        int from = d.percent(50) ? Op.A : Op.B;
        long k = d.percent(60) ? 0 : d.between(0, 9);
        int c = d.intBetween(0, 99);
        if (c < 35) {
            return Op.of(Op.Kind.DROP, from, k);
        } else if (c < 55) {
            return Op.of(Op.Kind.DUP, from, k);
        } else if (c < 70) {
            return Op.of(Op.Kind.REORDER, from, k);
        } else if (c < 85) {
            return Op.of(Op.Kind.TRUNCATE, from, k, d.between(0, 1600));
        } else {
            long index = d.percent(60) ? d.between(0, 23) : d.between(0, 1600); // header fields or payload
            return Op.of(Op.Kind.CORRUPT, from, k, index, d.between(1, 255));
        }
    }

    private static Op probeOp(Draws d, long now) {
        int e = d.percent(50) ? Op.A : Op.B;
        switch (d.intBetween(0, 5)) {
            case 0:
                return Op.of(Op.Kind.CHECK, e, (now + d.between(0, 300)) & 0xFFFF_FFFFL);
            case 1:
                return Op.of(Op.Kind.PEEKSIZE, e);
            case 2:
                return Op.of(Op.Kind.WAITSND, e);
            case 3:
                return Op.of(Op.Kind.FLUSH, e);
            case 4:
                return Op.of(Op.Kind.CURRENT, e, now);
            default:
                return Op.of(Op.Kind.CHECK, e, now);
        }
    }

    /** A configuration change in the middle of a conversation (rare; each is a trap of its own). */
    private static void reconfigure(Draws d, List<Op> ops, Side[] sides) {
        int e = d.percent(50) ? Op.A : Op.B;
        switch (d.intBetween(0, 8)) {
            case 0: {
                // Only upwards (or invalid): ikcp.c 1.7 writes a queued segment longer than the new mtu into
                // its (mtu + 24) * 3 output buffer and corrupts the heap, so a smaller mtu mid-conversation
                // is undefined behaviour in the reference and cannot be an oracle case.
                int mtu = d.percent(80) ? d.intBetween(sides[e].mss + 24, 1500) : d.intBetween(40, 49);
                ops.add(Op.of(Op.Kind.MTU, e, mtu));
                if (mtu >= 50) {
                    sides[e].mss = mtu - 24;
                }
                break;
            }
            case 1:
                ops.add(Op.of(Op.Kind.WNDSIZE, e, window(d), window(d)));
                break;
            case 2:
                nodelay(ops, e, sides[e], d.intBetween(-1, 2), d.intBetween(-1, 200), d.intBetween(-1, 4),
                        d.intBetween(-1, 1));
                break;
            case 3:
                ops.add(Op.of(Op.Kind.MINRTO, e, d.between(1, 300)));
                break;
            case 4:
                ops.add(Op.of(Op.Kind.FASTLIMIT, e, d.between(-1, 8)));
                break;
            case 5:
                ops.add(Op.of(Op.Kind.DEADLINK, e, d.between(1, 25)));
                break;
            case 6:
                ops.add(Op.of(Op.Kind.INTERVAL, e, d.between(0, 300)));
                sides[e].interval = (int) Math.max(10, ops.get(ops.size() - 1).arg(0));
                break;
            case 7:
                ops.add(Op.of(Op.Kind.FASTRESEND, e, d.between(0, 5)));
                break;
            default:
                ops.add(Op.of(Op.Kind.STREAM, e, d.between(0, 1)));
                break;
        }
    }
}
