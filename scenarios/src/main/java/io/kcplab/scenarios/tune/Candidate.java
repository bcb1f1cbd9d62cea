package io.kcplab.scenarios.tune;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.protocol.kcp.KcpProfile;

/**
 * One point of the search space: the KCP settings a user can change (both ends use the same).
 *
 * @param preset     kcptun's preset name when this is one of them unchanged (normal, fast, fast2, fast3), else ""
 * @param engine     {@code kcp-go} or {@code ikcp}
 * @param dataShards FEC data shards (0 with parityShards 0: FEC off)
 */
public record Candidate(String preset, String engine, int nodelay, int interval, int resend, int nc, int sndwnd,
                        int rcvwnd, int mtu, int dataShards, int parityShards, boolean ackNoDelay) {

    /** kcptun's preset {@code mode} with ConnectionConfig's (kcptun's) defaults for everything else. */
    public static Candidate preset(ModePreset mode) {
        ConnectionConfig d = ConnectionConfig.defaults();
        return new Candidate(mode.label(), d.engine() == KcpProfile.IKCP ? "ikcp" : "kcp-go", mode.nodelay(),
                mode.interval(), mode.resend(), mode.nc(), d.sndWnd(), d.rcvWnd(), d.mtu(), d.dataShards(),
                d.parityShards(), d.ackNoDelay());
    }

    /** The same settings without the preset name (used for dedupe and for mutations). */
    public Candidate plain() {
        return preset.isEmpty() ? this : new Candidate("", engine, nodelay, interval, resend, nc, sndwnd, rcvwnd,
                mtu, dataShards, parityShards, ackNoDelay);
    }

    /** A stable key of the settings alone (two presets never coincide with a searched point twice). */
    public String key() {
        return engine + " nd" + nodelay + " i" + interval + " r" + resend + " nc" + nc + " w" + sndwnd + "/"
                + rcvwnd + " mtu" + mtu + " fec" + fec() + (ackNoDelay ? " ack" : "");
    }

    public String fec() {
        return dataShards == 0 || parityShards == 0 ? "off" : dataShards + "/" + parityShards;
    }

    /** A short label for tables: the preset name, or the compact settings. */
    public String label() {
        return preset.isEmpty() ? key() : preset;
    }

    /**
     * The {@code protocol:} map of a scenario file. Writes flush at once with either engine, as the sessions the
     * advice is for (kcptun, {@code kcplab tunnel}) do; the ikcp profile alone would queue them until the tick.
     */
    public String protocolYaml() {
        return "{engine: " + engine + ", nodelay: " + nodelay + ", interval: " + interval + ", resend: " + resend
                + ", nc: " + nc + ", sndwnd: " + sndwnd + ", rcvwnd: " + rcvwnd + ", mtu: " + mtu + ", datashard: "
                + dataShards + ", parityshard: " + parityShards + ", acknodelay: " + ackNoDelay
                + ", writedelay: false}";
    }

    /** {@code kcplab tunnel} / kcptun flags (both ends; kcptun has no --engine: it always runs kcp-go). */
    public String tunnelFlags() {
        StringBuilder sb = new StringBuilder("--mode manual --nodelay " + nodelay + " --interval " + interval
                + " --resend " + resend + " --nc " + nc + " --sndwnd " + sndwnd + " --rcvwnd " + rcvwnd + " --mtu "
                + mtu + " --datashard " + dataShards + " --parityshard " + parityShards);
        if (ackNoDelay) {
            sb.append(" --acknodelay");
        }
        return sb.toString();
    }

    /** The {@code ConnectionConfig} builder line giving these settings. */
    public String builderLine() {
        StringBuilder sb = new StringBuilder("ConnectionConfig.builder()");
        if (engine.equals("ikcp")) {
            sb.append(".engine(KcpProfile.IKCP)");
        } else {
            sb.append(".engine(KcpProfile.KCP_GO)");
        }
        sb.append(".noDelay(").append(nodelay).append(", ").append(interval).append(", ").append(resend)
                .append(", ").append(nc).append(")")
                .append(".windows(").append(sndwnd).append(", ").append(rcvwnd).append(")")
                .append(".mtu(").append(mtu).append(")")
                .append(".fec(").append(dataShards).append(", ").append(parityShards).append(")");
        if (ackNoDelay) {
            sb.append(".ackNoDelay(true)");
        }
        return sb.append(".build();").toString();
    }
}
