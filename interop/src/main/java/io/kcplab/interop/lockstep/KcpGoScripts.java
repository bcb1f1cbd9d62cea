package io.kcplab.interop.lockstep;

import java.util.ArrayList;
import java.util.List;

/**
 * Lock-step scripts for the kcp-go driver: a {@link ScriptGenerator} script (every mode, stream and message
 * mode, MTU, windows, message sizes, clock wrap, stalled reader, faulty channel) decorated, with further draws
 * from the same {@link Draws} (so QuickTheories still shrinks it), with what only kcp-go's engine has:
 * <ul>
 *   <li>ack-no-delay (the third argument of kcp-go's Input): off, on for both, on for one side, or toggled
 *       during the conversation ({@code X acknodelay});</li>
 *   <li>FEC-recovered input (regular = false): a share of the deliveries become {@code deliverfec};</li>
 *   <li>reserved bytes ({@code X reserve n}, kcp-go's ReserveBytes) before the first data op, valid or not;</li>
 *   <li>kcp-go's 255-fragment limit: some of the largest messages are resized around 255 * mss;</li>
 *   <li>kcp-go's DefaultSnmp counters ({@code X snmp}) now and then and at the end.</li>
 * </ul>
 * The base generator's draws come first and are unchanged, so a base script is still recognisable in the result.
 */
public final class KcpGoScripts {

    private final ScriptGenerator base;

    public KcpGoScripts(int minOps, int maxOps) {
        this.base = new ScriptGenerator(minOps, maxOps);
    }

    public Script generate(Draws d) {
        return decorate(base.generate(d), d);
    }

    /** Adds the kcp-go-only traps to {@code script}. */
    public static Script decorate(Script script, Draws d) {
        List<Op> in = script.ops();
        List<Op> out = new ArrayList<>(in.size() + 16);
        // ack-no-delay: 0 off, 1 both on, 2 A only, 3 B only, 4 toggled at random points
        int ackMode = new int[] {0, 0, 1, 1, 2, 3, 4}[d.intBetween(0, 6)];
        int fecPercent = new int[] {0, 0, 5, 25}[d.intBetween(0, 3)];
        boolean[] reserve = {d.percent(20), d.percent(20)};
        int[] mtu = {1400, 1400};
        int[] reserved = {0, 0};

        if (ackMode == 1 || ackMode == 2) {
            out.add(Op.of(Op.Kind.ACKNODELAY, Op.A, 1));
        }
        if (ackMode == 1 || ackMode == 3) {
            out.add(Op.of(Op.Kind.ACKNODELAY, Op.B, 1));
        }
        boolean configured = false;
        for (Op op : in) {
            boolean dataOp = op.kind == Op.Kind.UPDATE || op.kind == Op.Kind.SEND || op.kind == Op.Kind.RECV
                    || op.kind.channel;
            if (dataOp && !configured) {
                configured = true;
                for (int e = 0; e < 2; e++) {
                    if (reserve[e]) {
                        // mostly a small FEC/crypto-like header; sometimes one too large (ReserveBytes says false)
                        long n = d.percent(85) ? d.between(0, 40) : d.between(mtu[e] - 24 - 2, mtu[e] + 10);
                        out.add(Op.of(Op.Kind.RESERVE, e, n));
                        if (n >= 0 && n < mtu[e] - 24) {
                            reserved[e] = (int) n;
                        }
                    }
                }
            }
            if (ackMode == 4 && d.percent(3)) {
                out.add(Op.of(Op.Kind.ACKNODELAY, d.percent(50) ? Op.A : Op.B, d.between(0, 1)));
            }
            if (d.percent(1)) {
                out.add(Op.of(Op.Kind.SNMP, d.percent(50) ? Op.A : Op.B));
            }
            Op next = op;
            if (op.kind == Op.Kind.DELIVER && fecPercent > 0 && d.percent(fecPercent)) {
                next = Op.of(Op.Kind.DELIVERFEC, op.endpoint, op.arg(0));
            } else if (op.kind == Op.Kind.MTU && op.arg(0) >= 50) {
                mtu[op.endpoint] = (int) op.arg(0);
            } else if (op.kind == Op.Kind.SEND) {
                int mss = Math.max(1, mtu[op.endpoint] - 24 - reserved[op.endpoint]);
                if (op.arg(0) > 100L * mss && d.percent(50)) {
                    // around kcp-go's limit of 255 fragments (ikcp's is 127)
                    next = Op.of(Op.Kind.SEND, op.endpoint, d.between(250L * mss, 258L * mss), op.arg(1));
                }
            }
            out.add(next);
        }
        out.add(Op.of(Op.Kind.SNMP, Op.A));
        out.add(Op.of(Op.Kind.SNMP, Op.B));
        return new Script(script.conv, out);
    }
}
