package io.kcplab.protocol.wire;

import io.kcplab.protocol.SimdSettings;

import io.kcplab.protocol.checksum.Crc32Checksum;
import io.kcplab.protocol.checksum.HighwayChecksum;
import io.kcplab.protocol.checksum.PacketChecksum;

/**
 * Which integrity field the crypto header carries. Both profiles use kcp-go 5.6.1's layout
 * {@code [nonce 16][checksum][FEC header 6][size 2][kcp...]}; only the checksum differs.
 */
public enum WireProfile {

    /** kcp-go 5.6.1 / kcptun: CRC-32/IEEE, 4 bytes LE. Talks to real kcp-go peers. */
    KCP_GO("kcp-go", Crc32Checksum.SIZE),

    /**
     * KcpLab's hardened variant: keyed HighwayHash-64, 8 bytes LE, so the header is 24 bytes. A MAC when the
     * session has a secret (see {@link HighwayChecksum}); an integrity check with the public key otherwise.
     */
    HIGHWAY("highway", HighwayChecksum.SIZE);

    private final String label;
    private final int checksumSize;

    WireProfile(String label, int checksumSize) {
        this.label = label;
        this.checksumSize = checksumSize;
    }

    /** The name scenario files and the command line use ("kcp-go", "highway"). */
    public String label() {
        return label;
    }

    public int checksumSize() {
        return checksumSize;
    }

    /** A fresh checksum for one codec; {@code secret} (may be null) keys the {@link #HIGHWAY} MAC. */
    public PacketChecksum newChecksum(byte[] secret) {
        return newChecksum(secret, SimdSettings.defaults());
    }

    /** {@link #newChecksum(byte[])} with the hash kernel {@code simd} picks (same checksum either way). */
    public PacketChecksum newChecksum(byte[] secret, SimdSettings simd) {
        if (this == KCP_GO) {
            return new Crc32Checksum();
        }
        return secret == null ? HighwayChecksum.publicKey(simd) : HighwayChecksum.withSecret(secret, simd);
    }

    /** Looks a profile up by {@link #label()} or enum name, case-insensitively. */
    public static WireProfile of(String name) {
        for (WireProfile p : values()) {
            if (p.label.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown wire profile \"" + name + "\"; accepted: kcp-go, highway");
    }
}
