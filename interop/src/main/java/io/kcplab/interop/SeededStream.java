package io.kcplab.interop;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deterministic byte stream the UDP peers ({@link NativeUdpPeer}, {@link GoSessionPeer}) send and verify:
 * splitmix64 seeded with {@code seed}, each 64-bit output written little-endian, concatenated. A Java endpoint
 * talking to a peer uses this to produce what a sink expects and to check what a client sent.
 */
public final class SeededStream {

    private long state;
    private long word;
    private int used = 8;
    private long position;

    public SeededStream(long seed) {
        this.state = seed;
    }

    /** Bytes produced so far. */
    public long position() {
        return position;
    }

    public void fill(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (used == 8) {
                long z = (state += 0x9E3779B97F4A7C15L);
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                word = z ^ (z >>> 31);
                used = 0;
            }
            b[off + i] = (byte) (word >>> (8 * used++));
        }
        position += len;
    }

    public byte[] next(int len) {
        byte[] b = new byte[len];
        fill(b, 0, len);
        return b;
    }

    /** SHA-256 (lower-case hex) of the first {@code length} bytes of the stream of {@code seed}. */
    public static String sha256Hex(long seed, long length) {
        SeededStream s = new SeededStream(seed);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(buf.length, left);
            s.fill(buf, 0, n);
            md.update(buf, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
