package io.kcplab.protocol;

import java.util.Locale;

/**
 * Named (nodelay, interval, resend, nc) tuples. {@code normal} .. {@code fast3} are kcptun's {@code --mode}
 * presets (docs/wire-format.md §5.1): congestion control is off in all of them. {@code default} is a fresh engine's
 * setting (ikcp_create / kcp-go NewKCP), congestion control on.
 */
public enum ModePreset {
    DEFAULT("default", 0, 100, 0, 0),
    NORMAL("normal", 0, 40, 2, 1),
    FAST("fast", 0, 30, 2, 1),
    FAST2("fast2", 1, 20, 2, 1),
    FAST3("fast3", 1, 10, 2, 1);

    private final String label;
    final int nodelay;
    final int interval;
    final int resend;
    final int nc;

    ModePreset(String label, int nodelay, int interval, int resend, int nc) {
        this.label = label;
        this.nodelay = nodelay;
        this.interval = interval;
        this.resend = resend;
        this.nc = nc;
    }

    public String label() {
        return label;
    }

    public int nodelay() {
        return nodelay;
    }

    public int interval() {
        return interval;
    }

    public int resend() {
        return resend;
    }

    public int nc() {
        return nc;
    }

    /** Looks a preset up by its kcptun name, case-insensitively. */
    public static ModePreset of(String name) {
        for (ModePreset p : values()) {
            if (p.label.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown mode \"" + name + "\"; accepted: default, normal, fast, fast2, fast3");
    }
}
