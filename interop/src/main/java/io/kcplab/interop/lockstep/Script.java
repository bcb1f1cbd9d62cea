package io.kcplab.interop.lockstep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A lock-step script: a conversation id and the ops that two endpoints A and B (both {@code conv}) go through.
 *
 * <p>Text form (replayable; {@code interop/src/test/resources/lockstep/*.script} uses it):
 * <pre>
 * # comments and blank lines are ignored
 * begin 305419896
 * A nodelay 1 10 2 1
 * A send 100 7
 * A update 0
 * deliver A 0
 * end
 * </pre>
 * The block is exactly what the C driver reads on stdin.
 */
public final class Script {

    public final long conv;
    private final List<Op> ops;

    public Script(long conv, List<Op> ops) {
        if (conv < 0 || conv > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("conv must be a uint32, was " + conv);
        }
        this.conv = conv;
        this.ops = Collections.unmodifiableList(new ArrayList<>(ops));
    }

    public List<Op> ops() {
        return ops;
    }

    public int size() {
        return ops.size();
    }

    /** The first {@code n} ops (a divergence at op i is reproduced by the prefix of length i+1). */
    public Script prefix(int n) {
        return new Script(conv, ops.subList(0, Math.min(n, ops.size())));
    }

    /** This script without ops [from, to). */
    public Script without(int from, int to) {
        List<Op> kept = new ArrayList<>(ops.subList(0, from));
        kept.addAll(ops.subList(to, ops.size()));
        return new Script(conv, kept);
    }

    public Script withOp(int index, Op op) {
        List<Op> copy = new ArrayList<>(ops);
        copy.set(index, op);
        return new Script(conv, copy);
    }

    /** The block the C driver runs: "begin conv", one op per line, "end". */
    public String toText() {
        StringBuilder sb = new StringBuilder(ops.size() * 16 + 32);
        sb.append("begin ").append(conv).append('\n');
        for (Op op : ops) {
            sb.append(op).append('\n');
        }
        sb.append("end\n");
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    /** Parses one script block (see the class comment). */
    public static Script parse(String text) {
        Long conv = null;
        boolean ended = false;
        List<Op> ops = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (ended) {
                throw new IllegalArgumentException("line " + lineNo + ": text after 'end': '" + line + "'");
            }
            if (conv == null) {
                String[] t = line.split("[ \\t]+");
                if (t.length != 2 || !t[0].equals("begin")) {
                    throw new IllegalArgumentException("line " + lineNo + ": a script starts with 'begin <conv>', got '"
                            + line + "'");
                }
                try {
                    conv = Long.parseLong(t[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + lineNo + ": bad conv '" + t[1] + "'");
                }
                continue;
            }
            if (line.equals("end")) {
                ended = true;
                continue;
            }
            try {
                ops.add(Op.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        if (conv == null || !ended) {
            throw new IllegalArgumentException("a script is 'begin <conv>', ops, 'end'; "
                    + (conv == null ? "'begin' is missing" : "'end' is missing"));
        }
        return new Script(conv, ops);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script && ((Script) o).toText().equals(toText());
    }

    @Override
    public int hashCode() {
        return toText().hashCode();
    }
}
