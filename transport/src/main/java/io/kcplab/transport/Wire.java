package io.kcplab.transport;

import io.kcplab.protocol.wire.WireProfile;
import java.util.Locale;

/** How KCP datagrams are framed on the wire. */
public enum Wire {
    /** Plain KCP segments, no crypto/FEC header: what C KCP (ikcp) speaks. Needs no cipher and no FEC. */
    RAW("raw", null),
    /** kcp-go 5.6.1's framing: nonce + CRC32 + FEC header; talks to kcp-go and kcptun. */
    KCP_GO("kcp-go", WireProfile.KCP_GO),
    /** kcp-go's layout with keyed HighwayHash-64 in place of CRC32 (a MAC when a key is set). */
    HIGHWAY("highway", WireProfile.HIGHWAY);

    private final String label;
    private final WireProfile profile;

    Wire(String label, WireProfile profile) {
        this.label = label;
        this.profile = profile;
    }

    public String label() {
        return label;
    }

    /** The checksum profile of this framing; null for {@link #RAW}. */
    WireProfile profile() {
        return profile;
    }

    /** Parses {@code raw}, {@code kcp-go} or {@code highway}. */
    public static Wire of(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Wire w : values()) {
            if (w.label.equals(n)) {
                return w;
            }
        }
        throw new IllegalArgumentException("wire: unknown framing \"" + name + "\"; accepted: raw, kcp-go, highway");
    }
}
