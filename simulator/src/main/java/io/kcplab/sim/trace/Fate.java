package io.kcplab.sim.trace;

import io.kcplab.sim.net.DropCause;
import java.util.List;
import java.util.Locale;

/**
 * What a link did to one datagram: one {@link Copy} for the datagram itself, and a second one if the link
 * duplicated it. Each copy was either dropped (with its cause) or delivered a number of microseconds after the
 * send, possibly with one byte XOR-ed (corruption) and cut short (truncation).
 *
 * <p>Text form (one clause per copy, original first, joined by {@code " + "}):
 * <pre>
 *   deliver DELAY_US [order N] [corrupt AT^0xMASK] [truncate LEN]
 *   drop loss|queue|mtu|outage [corrupt AT^0xMASK] [truncate LEN]
 * </pre>
 * A dropped copy can carry damage: netem corrupts a datagram before its queue-limit check may drop it (the
 * damage is invisible to the receiver, but replays keep the link's counters exact).
 * {@code order N} ranks the datagrams a link delivers in the same microsecond (0 = first; default 0): the
 * simulator's links work in nanoseconds, and the rank keeps a replay's delivery order exact without them.
 */
public record Fate(List<Copy> copies) {

    /** At most this many deliveries per link and microsecond keep a distinct rank; later ones tie (send order). */
    public static final int MAX_ORDER = 999;

    public Fate {
        if (copies == null || copies.isEmpty() || copies.size() > 2) {
            throw new IllegalArgumentException("a fate has one copy (the datagram) or two (it was duplicated), got "
                    + (copies == null ? "none" : copies.size()));
        }
        copies = List.copyOf(copies);
    }

    public static Fate deliver(long delayMicros) {
        return new Fate(List.of(Copy.delivered(delayMicros, 0, -1, 0, -1)));
    }

    public static Fate drop(DropCause cause) {
        return new Fate(List.of(Copy.droppedBy(cause)));
    }

    /** Number of copies: 2 if the link duplicated the datagram. */
    public int count() {
        return copies.size();
    }

    public Copy copy(int i) {
        return copies.get(i);
    }

    /** True if this is a plain delivery after {@code delayMicros} (what a script line may be left out for). */
    public boolean isPlainDelivery(long delayMicros) {
        if (copies.size() != 1) {
            return false;
        }
        Copy c = copies.get(0);
        return !c.dropped() && c.delayMicros() == delayMicros && c.order() == 0 && c.corruptAt() < 0
                && c.truncateTo() < 0;
    }

    /** True if some copy was dropped, damaged or duplicated: a fault, not just a delay. */
    public boolean isFault() {
        if (copies.size() > 1) {
            return true;
        }
        Copy c = copies.get(0);
        return c.dropped() || c.corruptAt() >= 0 || c.truncateTo() >= 0;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < copies.size(); i++) {
            if (i > 0) {
                b.append(" + ");
            }
            b.append(copies.get(i));
        }
        return b.toString();
    }

    /**
     * Parses the text form (see the class comment).
     *
     * @throws IllegalArgumentException naming the bad word and what was expected
     */
    public static Fate parse(String text) {
        String[] clauses = text.trim().split("\\s*\\+\\s*", -1);
        if (clauses.length > 2) {
            throw new IllegalArgumentException("a fate has at most two copies joined by '+', got " + clauses.length
                    + " in '" + text + "'");
        }
        Copy[] cs = new Copy[clauses.length];
        for (int i = 0; i < clauses.length; i++) {
            cs[i] = Copy.parse(clauses[i]);
        }
        return new Fate(List.of(cs));
    }

    /**
     * One copy's fate. Dropped: {@code cause} is set, the rest is unused. Delivered: {@code cause} is null.
     * {@code corruptAt < 0} means not corrupted, {@code truncateTo < 0} means not truncated; a corruption or a
     * truncation past the datagram's end does nothing (the datagram a replay sends there may be shorter).
     */
    public record Copy(DropCause cause, long delayMicros, int order, int corruptAt, int corruptMask, int truncateTo) {

        public Copy {
            if (delayMicros < 0) {
                throw new IllegalArgumentException("deliver delay must be >= 0 µs, got " + delayMicros);
            }
            if (order < 0 || order > MAX_ORDER) {
                throw new IllegalArgumentException("deliver order must be in [0, " + MAX_ORDER + "], got " + order);
            }
            if (corruptAt >= 0 && (corruptMask & 0xFF) == 0) {
                throw new IllegalArgumentException("corrupt mask must have a bit set in 0x01..0xff, got 0x"
                        + Integer.toHexString(corruptMask));
            }
        }

        public static Copy droppedBy(DropCause cause) {
            return droppedBy(cause, -1, 0, -1);
        }

        /** Damaged first, then dropped (netem corrupts before its queue limit check). */
        public static Copy droppedBy(DropCause cause, int corruptAt, int corruptMask, int truncateTo) {
            if (cause == null) {
                throw new IllegalArgumentException("drop cause must not be null");
            }
            return new Copy(cause, 0, 0, corruptAt, corruptMask, truncateTo);
        }

        public static Copy delivered(long delayMicros, int order, int corruptAt, int corruptMask, int truncateTo) {
            return new Copy(null, delayMicros, order, corruptAt, corruptMask, truncateTo);
        }

        public boolean dropped() {
            return cause != null;
        }

        /** The link's internal send time (ns) for a copy sent at {@code nowMicros}: its µs tick, ranked by order. */
        public long deliverNanos(long nowMicros) {
            return (nowMicros + delayMicros) * 1000 - MAX_ORDER + Math.min(order, MAX_ORDER);
        }

        /** Same copy without corruption or truncation. */
        public Copy healed() {
            return new Copy(cause, delayMicros, order, -1, 0, -1);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (cause != null) {
                b.append("drop ").append(cause.name().toLowerCase(Locale.ROOT));
            } else {
                b.append("deliver ").append(delayMicros);
            }
            if (order != 0) {
                b.append(" order ").append(order);
            }
            if (corruptAt >= 0) {
                b.append(" corrupt ").append(corruptAt).append("^0x").append(Integer.toHexString(corruptMask & 0xFF));
            }
            if (truncateTo >= 0) {
                b.append(" truncate ").append(truncateTo);
            }
            return b.toString();
        }

        static Copy parse(String clause) {
            String[] w = clause.trim().split("\\s+");
            if (w.length < 2 || !(w[0].equals("drop") || w[0].equals("deliver"))) {
                throw new IllegalArgumentException("a fate is 'drop CAUSE ...' or 'deliver DELAY_US ...', got '"
                        + clause.trim() + "'");
            }
            boolean drop = w[0].equals("drop");
            DropCause cause = drop ? cause(w[1]) : null;
            long delay = drop ? 0 : number("deliver delay", w[1]);
            int order = 0;
            int at = -1;
            int mask = 0;
            int truncate = -1;
            for (int i = 2; i < w.length; i += 2) {
                if (i + 1 >= w.length) {
                    throw new IllegalArgumentException("'" + w[i] + "' needs a value in '" + clause.trim() + "'");
                }
                switch (w[i]) {
                    case "order" -> {
                        if (drop) {
                            throw new IllegalArgumentException("'order' applies to deliveries only: '" + clause.trim()
                                    + "'");
                        }
                        order = (int) number("order", w[i + 1]);
                    }
                    case "truncate" -> truncate = (int) number("truncate length", w[i + 1]);
                    case "corrupt" -> {
                        String[] am = w[i + 1].split("\\^", -1);
                        if (am.length != 2 || !am[1].startsWith("0x")) {
                            throw new IllegalArgumentException("corrupt takes BYTE^0xMASK (e.g. 17^0x04), got '"
                                    + w[i + 1] + "'");
                        }
                        at = (int) number("corrupt byte", am[0]);
                        mask = (int) hex("corrupt mask", am[1].substring(2));
                        if (mask > 0xFF) {
                            throw new IllegalArgumentException("corrupt mask is one byte (0x01..0xff), got 0x"
                                    + am[1].substring(2));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown fate option '" + w[i]
                            + "'; accepted: order, corrupt, truncate");
                }
            }
            return new Copy(cause, delay, order, at, mask, truncate);
        }

        private static DropCause cause(String word) {
            for (DropCause c : DropCause.values()) {
                if (c.name().equalsIgnoreCase(word)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown drop cause '" + word + "'; accepted: loss, queue, mtu, outage");
        }

        private static long number(String what, String word) {
            try {
                long v = Long.parseLong(word);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a non-negative integer, got '" + word + "'");
            }
        }

        private static long hex(String what, String word) {
            try {
                return Long.parseLong(word, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be hexadecimal, got '" + word + "'");
            }
        }
    }
}
