package io.kcplab.transport.perf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The deterministic pseudo-random byte stream of {@code kcplab perf}: byte {@code p} of the stream for seed
 * {@code s} is byte {@code p % 8} (little-endian) of {@code splitmix64(s + (p / 8 + 1) * 0x9E3779B97F4A7C15)}.
 * It is counter-based, so the stream does not depend on how it is cut into writes, and any position can be
 * generated directly. Both ends of a test generate it from the seed the client announces: the sender to send it,
 * the receiver to check every byte it gets.
 *
 * <p>A cursor: {@link #fill} and {@link #verify} continue where the previous call stopped. Not thread-safe.
 */
public final class StreamPattern {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long seed;
    private long position;
    private byte[] scratch;

    public StreamPattern(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Bytes generated or verified so far. */
    public long position() {
        return position;
    }

    /** The 8-byte word {@code index} of the stream for {@code seed}. */
    public static long word(long seed, long index) {
        long z = seed + (index + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Byte {@code position} of the stream for {@code seed}. */
    public static byte byteAt(long seed, long position) {
        return (byte) (word(seed, position >>> 3) >>> ((position & 7) << 3));
    }

    /** Writes the next {@code len} bytes of the stream into {@code buf[off, off+len)}. */
    public void fill(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        long p = position;
        int i = off;
        int end = off + len;
        while (i < end && (p & 7) != 0) {
            buf[i++] = byteAt(seed, p++);
        }
        if ((p & 7) == 0) {
            long w = p >>> 3;
            while (end - i >= 8) {
                LONGS.set(buf, i, word(seed, w++));
                i += 8;
            }
            p = w << 3;
        }
        while (i < end) {
            buf[i++] = byteAt(seed, p++);
        }
        position = p;
    }

    /**
     * Checks that {@code buf[off, off+len)} are the next {@code len} bytes of the stream, and moves on by
     * {@code len}.
     *
     * @return -1 if they are, else the stream position of the first byte that differs
     */
    public long verify(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        if (scratch == null) {
            scratch = new byte[64 << 10];
        }
        long found = -1;
        int done = 0;
        while (done < len) {
            int n = Math.min(scratch.length, len - done);
            long at = position;
            fill(scratch, 0, n);
            if (found < 0) {
                int m = Arrays.mismatch(scratch, 0, n, buf, off + done, off + done + n);
                if (m >= 0) {
                    found = at + m;
                }
            }
            done += n;
        }
        return found;
    }

    /** SHA-256 of the first {@code length} bytes of the stream for {@code seed}, in lower-case hex. */
    public static String sha256(long seed, long length) {
        MessageDigest md = newSha256();
        StreamPattern p = new StreamPattern(seed);
        byte[] buf = new byte[64 << 10];
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(buf.length, left);
            p.fill(buf, 0, n);
            md.update(buf, 0, n);
            left -= n;
        }
        return hex(md.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
