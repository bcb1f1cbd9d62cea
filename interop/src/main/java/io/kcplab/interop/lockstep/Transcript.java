package io.kcplab.interop.lockstep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a runner observed while running a script, one line per fact, in the format the C driver prints
 * (see {@code ikcp_driver.c}): {@code @i op}, {@code > X len fnv64} (or hex), {@code x X}, {@code = ret},
 * {@code s A …}, {@code s B …}. Two runners conform on a script iff their transcripts are equal line by line.
 */
public final class Transcript {

    /** Field names of a state line, in order (after "s X"). */
    public static final String[] STATE_FIELDS = {
        "snd_una", "snd_nxt", "rcv_nxt", "rx_srtt", "rx_rttval", "rx_rto", "rx_minrto", "cwnd", "ssthresh",
        "incr", "rmt_wnd", "rcv_wnd", "snd_wnd", "probe", "probe_wait", "ts_probe", "ts_flush", "nsnd_buf",
        "nsnd_que", "nrcv_buf", "nrcv_que", "xmit", "state"};

    private final List<String> lines;

    public Transcript(List<String> lines) {
        this.lines = Collections.unmodifiableList(new ArrayList<>(lines));
    }

    public List<String> lines() {
        return lines;
    }

    /** Number of emitted-datagram lines. */
    public int datagramCount() {
        int n = 0;
        for (String l : lines) {
            if (l.startsWith("> ")) {
                n++;
            }
        }
        return n;
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }

    /**
     * The first place where {@code actual} departs from this (expected) transcript, or null if they are equal.
     */
    public Divergence firstDivergence(Transcript actual) {
        List<String> a = actual.lines;
        int n = Math.min(lines.size(), a.size());
        int i = 0;
        while (i < n && lines.get(i).equals(a.get(i))) {
            i++;
        }
        if (i == lines.size() && i == a.size()) {
            return null;
        }
        int opLine = i;
        while (opLine > 0 && (opLine >= lines.size() || !lines.get(opLine).startsWith("@"))) {
            opLine--;
        }
        int opIndex = -1;
        String opText = "(before the first op)";
        if (opLine < lines.size() && lines.get(opLine).startsWith("@")) {
            String l = lines.get(opLine);
            int sp = l.indexOf(' ');
            opIndex = Integer.parseInt(l.substring(1, sp));
            opText = l.substring(sp + 1);
        }
        List<String> context = new ArrayList<>(lines.subList(Math.max(0, opLine - 3), i));
        String expected = i < lines.size() ? lines.get(i) : "(end of transcript)";
        String got = i < a.size() ? a.get(i) : "(end of transcript)";
        return new Divergence(opIndex, opText, i, expected, got, context);
    }

    /** The first difference between two transcripts, with enough context to read it without a debugger. */
    public static final class Divergence {
        public final int opIndex;
        public final String op;
        public final int line;
        public final String expected;
        public final String actual;
        public final List<String> context;

        Divergence(int opIndex, String op, int line, String expected, String actual, List<String> context) {
            this.opIndex = opIndex;
            this.op = op;
            this.line = line;
            this.expected = expected;
            this.actual = actual;
            this.context = context;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("first divergence at op ").append(opIndex).append(" '").append(op).append("' (transcript line ")
                    .append(line).append(")\n");
            sb.append("  context (C ikcp):\n");
            for (String c : context) {
                sb.append("    ").append(clip(c)).append('\n');
            }
            sb.append("  expected (C ikcp): ").append(clip(expected)).append('\n');
            sb.append("  actual   (Java)  : ").append(clip(actual)).append('\n');
            String fields = explainState(expected, actual);
            if (!fields.isEmpty()) {
                sb.append("  differing state fields: ").append(fields).append('\n');
            }
            String segs = SegmentDump.explainDatagrams(expected, actual);
            if (!segs.isEmpty()) {
                sb.append(segs);
            }
            return sb.toString();
        }

        /** Long hex datagrams are cut for the report; the decoded headers below show what they carry. */
        private static String clip(String line) {
            return line.length() <= 200 ? line : line.substring(0, 200) + "…(" + line.length() + " chars)";
        }

        private static String explainState(String expected, String actual) {
            if (!expected.startsWith("s ") || !actual.startsWith("s ")) {
                return "";
            }
            String[] e = expected.split(" ");
            String[] a = actual.split(" ");
            StringBuilder sb = new StringBuilder();
            for (int k = 2; k < Math.min(e.length, a.length); k++) {
                if (!e[k].equals(a[k]) && k - 2 < STATE_FIELDS.length) {
                    sb.append(STATE_FIELDS[k - 2]).append(" C=").append(e[k]).append(" Java=").append(a[k]).append("; ");
                }
            }
            return sb.toString();
        }
    }
}
