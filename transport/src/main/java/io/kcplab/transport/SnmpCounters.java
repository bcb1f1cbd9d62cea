package io.kcplab.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable snapshot of {@link SnmpField} counters, for one session or summed over a listener. */
public final class SnmpCounters {

    static final int SIZE = SnmpField.values().length;
    private static final SnmpField[] FIELDS = SnmpField.values();

    private final long[] values;

    SnmpCounters(long[] values) {
        this.values = values;
    }

    public long get(SnmpField field) {
        return values[field.ordinal()];
    }

    /** The counters by kcp-go name, in kcptun's CSV order (then the transport's own). */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (SnmpField f : FIELDS) {
            m.put(f.label(), values[f.ordinal()]);
        }
        return m;
    }

    /** Datagrams dropped before reaching a session's engine, for any transport reason. */
    public long transportDrops() {
        return get(SnmpField.BAD_DATAGRAMS) + get(SnmpField.OVERSIZE_DATAGRAMS) + get(SnmpField.UNKNOWN_CONV)
                + get(SnmpField.STALE_CONV)
                + get(SnmpField.OVER_MAX_SESSIONS) + get(SnmpField.BACKLOG_FULL);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SnmpCounters{");
        for (SnmpField f : FIELDS) {
            long v = values[f.ordinal()];
            if (v != 0) {
                sb.append(f.label()).append('=').append(v).append(", ");
            }
        }
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 2);
        }
        return sb.append('}').toString();
    }
}
