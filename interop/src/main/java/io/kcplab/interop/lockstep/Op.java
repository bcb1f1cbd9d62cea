package io.kcplab.interop.lockstep;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One operation of a lock-step script: an endpoint call (configure, send, recv, update, …) on endpoint A or B,
 * or a channel decision (deliver, drop, duplicate, truncate, corrupt, reorder a datagram in flight).
 *
 * <p>The text form is one line and is exactly what the C driver reads ({@code interop/src/main/c/ikcp_driver.c}
 * documents every op): endpoint ops are {@code "<A|B> <name> <args…>"}, channel ops
 * {@code "<name> <A|B> <args…>"} where the endpoint names the sender of the datagrams in flight.
 * Both runners echo this text in the transcript, so it must be canonical: {@link #toString()} of a parsed line
 * equals the line with single spaces.
 */
public final class Op {

    /** Every operation, with its script name, argument count and whether it acts on the channel. */
    public enum Kind {
        WNDSIZE("wndsize", 2, false),
        NODELAY("nodelay", 4, false),
        INTERVAL("interval", 1, false),
        MTU("mtu", 1, false),
        STREAM("stream", 1, false),
        MINRTO("minrto", 1, false),
        FASTRESEND("fastresend", 1, false),
        FASTLIMIT("fastlimit", 1, false),
        DEADLINK("deadlink", 1, false),
        SEND("send", 2, false),
        RECV("recv", 1, false),
        PEEKSIZE("peeksize", 0, false),
        WAITSND("waitsnd", 0, false),
        UPDATE("update", 1, false),
        CURRENT("current", 1, false),
        FLUSH("flush", 0, false),
        CHECK("check", 1, false),
        /** Literal bytes into ikcp_input; the argument is hex ("-" for no bytes). */
        INJECT("inject", 0, false),
        DELIVER("deliver", 1, true),
        DROP("drop", 1, true),
        DUP("dup", 1, true),
        TRUNCATE("truncate", 2, true),
        CORRUPT("corrupt", 3, true),
        REORDER("reorder", 1, true),
        // kcp-go 5.6.1 only (interop/src/main/go/kcplockstep; the C driver answers "! unknown op"). Keep them
        // last: kcpGoOnly() is "from ACKNODELAY on".
        /** The ackNoDelay argument of the endpoint's later inputs (kcp-go's Input(data, regular, ackNoDelay)). */
        ACKNODELAY("acknodelay", 1, false),
        /** Literal bytes into Input(data, regular = false, …): a packet rebuilt by FEC. Hex argument as inject. */
        INJECTFEC("injectfec", 0, false),
        /** kcp-go's ReserveBytes(n): answers 1 (accepted) or 0. */
        RESERVE("reserve", 1, false),
        /** The endpoint's share of kcp-go's DefaultSnmp: "in out repeat lost fast early retrans". */
        SNMP("snmp", 0, false),
        /** Like deliver, but the receiver's Input gets regular = false (FEC-recovered packet). */
        DELIVERFEC("deliverfec", 1, true);

        public final String word;
        public final int arity;
        public final boolean channel;

        Kind(String word, int arity, boolean channel) {
            this.word = word;
            this.arity = arity;
            this.channel = channel;
        }

        /** True for the ops only the kcp-go driver knows. */
        public boolean kcpGoOnly() {
            return ordinal() >= ACKNODELAY.ordinal();
        }

        /** Ops whose argument is literal bytes in hex. */
        public boolean takesBytes() {
            return this == INJECT || this == INJECTFEC;
        }

        static Kind byWord(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            return null;
        }
    }

    public static final int A = 0;
    public static final int B = 1;

    public final Kind kind;
    /** 0 = A, 1 = B. For channel ops: the endpoint that emitted the datagrams in flight. */
    public final int endpoint;
    private final long[] args;
    private final byte[] bytes;

    private Op(Kind kind, int endpoint, long[] args, byte[] bytes) {
        if (endpoint != A && endpoint != B) {
            throw new IllegalArgumentException("endpoint must be 0 (A) or 1 (B), was " + endpoint);
        }
        if (args.length != kind.arity) {
            throw new IllegalArgumentException(kind.word + " takes " + kind.arity + " arguments, got " + args.length);
        }
        for (long a : args) {
            if (a < Integer.MIN_VALUE || a > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(kind.word + ": argument " + a
                        + " is outside [-2^31, 2^32-1] (times are uint32, the rest int32)");
            }
            if (kind.channel && a < 0) {
                throw new IllegalArgumentException(kind.word + ": channel op arguments must be >= 0, was " + a);
            }
        }
        this.kind = kind;
        this.endpoint = endpoint;
        this.args = args;
        this.bytes = bytes;
    }

    public static Op of(Kind kind, int endpoint, long... args) {
        if (kind.takesBytes()) {
            throw new IllegalArgumentException("use Op.inject or Op.injectFec for literal bytes");
        }
        return new Op(kind, endpoint, args.clone(), null);
    }

    public static Op inject(int endpoint, byte[] datagram) {
        return new Op(Kind.INJECT, endpoint, new long[0], datagram.clone());
    }

    /** kcp-go only: literal bytes into Input with regular = false. */
    public static Op injectFec(int endpoint, byte[] datagram) {
        return new Op(Kind.INJECTFEC, endpoint, new long[0], datagram.clone());
    }

    /** Argument {@code i} as the C driver passes it to an {@code int} parameter (truncated to 32 bits). */
    public int intArg(int i) {
        return (int) args[i];
    }

    public long arg(int i) {
        return args[i];
    }

    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    public static String endpointName(int endpoint) {
        return endpoint == A ? "A" : "B";
    }

    /** Parses one op line (the format of {@link #toString()}; runs of blanks are accepted). */
    public static Op parse(String line) {
        String[] t = line.trim().split("[ \\t]+");
        if (t.length < 2) {
            throw new IllegalArgumentException("not an op: '" + line + "'");
        }
        Kind channel = Kind.byWord(t[0]);
        int endpoint;
        Kind kind;
        if (channel != null && channel.channel) {
            kind = channel;
            endpoint = endpointOf(t[1], line);
        } else {
            endpoint = endpointOf(t[0], line);
            kind = Kind.byWord(t[1]);
            if (kind == null || kind.channel) {
                throw new IllegalArgumentException("unknown op '" + t[1] + "' in '" + line + "'; known: "
                        + Arrays.toString(Arrays.stream(Kind.values()).map(k -> k.word).toArray()));
            }
        }
        if (kind.takesBytes()) {
            if (t.length != 3) {
                throw new IllegalArgumentException(kind.word + " takes one hex argument ('-' for none): '" + line + "'");
            }
            byte[] b = t[2].equals("-") ? new byte[0] : HexFormat.of().parseHex(t[2].toLowerCase(Locale.ROOT));
            return new Op(kind, endpoint, new long[0], b);
        }
        if (t.length - 2 != kind.arity) {
            throw new IllegalArgumentException(kind.word + " takes " + kind.arity + " arguments: '" + line + "'");
        }
        long[] a = new long[kind.arity];
        for (int i = 0; i < a.length; i++) {
            try {
                a[i] = Long.parseLong(t[i + 2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number '" + t[i + 2] + "' in '" + line + "'");
            }
        }
        return new Op(kind, endpoint, a, null);
    }

    private static int endpointOf(String s, String line) {
        switch (s) {
            case "A":
                return A;
            case "B":
                return B;
            default:
                throw new IllegalArgumentException("expected endpoint A or B, got '" + s + "' in '" + line + "'");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32);
        if (kind.channel) {
            sb.append(kind.word).append(' ').append(endpointName(endpoint));
        } else {
            sb.append(endpointName(endpoint)).append(' ').append(kind.word);
        }
        if (kind.takesBytes()) {
            sb.append(' ').append(bytes.length == 0 ? "-" : HexFormat.of().formatHex(bytes));
        }
        for (long a : args) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Op && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
