package io.kcplab.interop.lockstep;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which traps the C transcripts actually reached, counted per script: proof that conformance was checked on the
 * hard paths, not only on the easy ones. Read from the transcript lines (hash mode is enough).
 */
public final class Coverage {

    /** A behaviour of ikcp worth reaching. */
    public enum Trap {
        DATA_DELIVERED, ZERO_LENGTH_MESSAGE, RECV_INCOMPLETE, RECV_BUFFER_TOO_SMALL, FRAGMENT_LIMIT,
        INPUT_SHORT_OR_CONV, INPUT_BAD_LENGTH, INPUT_BAD_COMMAND, RETRANSMISSION, DEAD_LINK, ZERO_REMOTE_WINDOW,
        WINDOW_PROBE_PENDING, CLOCK_WRAP, CHANNEL_OVERFLOW
    }

    private final Map<Trap, Long> scriptsReaching = new EnumMap<>(Trap.class);

    /** Records the traps {@code c} (a C transcript of {@code script}) reached. */
    public void record(Script script, Transcript c) {
        boolean[] hit = new boolean[Trap.values().length];
        String lastOp = "";
        for (String l : c.lines()) {
            if (l.startsWith("@")) {
                lastOp = l.substring(l.indexOf(' ') + 1);
            } else if (l.startsWith("= ")) {
                String r = l.substring(2);
                if (lastOp.contains(" recv ")) {
                    hit(hit, Trap.DATA_DELIVERED, !r.startsWith("-"));
                    hit(hit, Trap.ZERO_LENGTH_MESSAGE, r.startsWith("0 "));
                    hit(hit, Trap.RECV_INCOMPLETE, r.equals("-2"));
                    hit(hit, Trap.RECV_BUFFER_TOO_SMALL, r.equals("-3"));
                } else if (lastOp.contains(" send ")) {
                    hit(hit, Trap.FRAGMENT_LIMIT, r.equals("-2"));
                } else if (lastOp.startsWith("deliver") || lastOp.contains(" inject ")) {
                    hit(hit, Trap.INPUT_SHORT_OR_CONV, r.equals("-1"));
                    hit(hit, Trap.INPUT_BAD_LENGTH, r.equals("-2"));
                    hit(hit, Trap.INPUT_BAD_COMMAND, r.equals("-3"));
                }
            } else if (l.startsWith("s ")) {
                String[] f = l.split(" ");
                hit(hit, Trap.RETRANSMISSION, !f[2 + 21].equals("0"));
                hit(hit, Trap.DEAD_LINK, !f[2 + 22].equals("0"));
                hit(hit, Trap.ZERO_REMOTE_WINDOW, f[2 + 10].equals("0"));
                hit(hit, Trap.WINDOW_PROBE_PENDING, !f[2 + 13].equals("0"));
            } else if (l.startsWith("x ")) {
                hit[Trap.CHANNEL_OVERFLOW.ordinal()] = true;
            }
        }
        long prev = -1;
        for (Op op : script.ops()) {
            if (op.kind == Op.Kind.UPDATE) {
                long t = op.arg(0);
                hit(hit, Trap.CLOCK_WRAP, prev >= 0x8000_0000L && t < 0x8000_0000L && prev - t > 0x8000_0000L);
                prev = t;
            }
        }
        for (Trap t : Trap.values()) {
            if (hit[t.ordinal()]) {
                scriptsReaching.merge(t, 1L, Long::sum);
            }
        }
    }

    private static void hit(boolean[] hit, Trap t, boolean cond) {
        if (cond) {
            hit[t.ordinal()] = true;
        }
    }

    /** Number of scripts whose C transcript reached {@code t}. */
    public long scripts(Trap t) {
        return scriptsReaching.getOrDefault(t, 0L);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Trap t : Trap.values()) {
            sb.append(t.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(scripts(t)).append(' ');
        }
        return sb.toString().strip();
    }
}
