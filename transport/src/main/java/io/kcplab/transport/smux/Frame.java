package io.kcplab.transport.smux;

import java.util.Arrays;

/**
 * One smux frame: {@code ver u8 | cmd u8 | length u16 LE | sid u32 LE | data[length]} (the length comes before the
 * stream id). Commands: SYN 0 (open), FIN 1 (close), PSH 2 (data), NOP 3 (keepalive, sid 0), UPD 4 (v2 window
 * update, data = consumed u32 LE | window u32 LE).
 */
public record Frame(int version, int cmd, int sid, byte[] data) {

    public static final int HEADER_SIZE = 8;
    public static final int SYN = 0;
    public static final int FIN = 1;
    public static final int PSH = 2;
    public static final int NOP = 3;
    public static final int UPD = 4;
    /** The largest PSH payload smux (and kcptun) sends, and the largest this decoder accepts by default. */
    public static final int MAX_FRAME_SIZE = 32768;
    /** The payload of an UPD frame. */
    public static final int UPD_SIZE = 8;

    private static final byte[] EMPTY = new byte[0];

    public Frame {
        if (data == null) {
            data = EMPTY;
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("frame data of " + data.length + " bytes does not fit the u16 length");
        }
    }

    public static Frame control(int version, int cmd, int sid) {
        return new Frame(version, cmd, sid, EMPTY);
    }

    public static Frame update(int version, int sid, int consumed, int window) {
        byte[] d = new byte[UPD_SIZE];
        putInt(d, 0, consumed);
        putInt(d, 4, window);
        return new Frame(version, UPD, sid, d);
    }

    /** The stream id as an unsigned number. */
    public long sidUnsigned() {
        return sid & 0xFFFFFFFFL;
    }

    /** UPD: the bytes the peer has consumed (u32). */
    public int consumed() {
        return getInt(data, 0);
    }

    /** UPD: the peer's stream buffer (u32). */
    public int window() {
        return getInt(data, 4);
    }

    /** This frame on the wire. */
    public byte[] encode() {
        byte[] out = new byte[HEADER_SIZE + data.length];
        encodeHeader(out, 0, version, cmd, data.length, sid);
        System.arraycopy(data, 0, out, HEADER_SIZE, data.length);
        return out;
    }

    /** Writes an 8-byte header at {@code off}. */
    public static void encodeHeader(byte[] out, int off, int version, int cmd, int length, int sid) {
        out[off] = (byte) version;
        out[off + 1] = (byte) cmd;
        out[off + 2] = (byte) length;
        out[off + 3] = (byte) (length >>> 8);
        putInt(out, off + 4, sid);
    }

    public static String cmdName(int cmd) {
        return switch (cmd) {
            case SYN -> "SYN";
            case FIN -> "FIN";
            case PSH -> "PSH";
            case NOP -> "NOP";
            case UPD -> "UPD";
            default -> "cmd " + cmd;
        };
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.version == version && f.cmd == cmd && f.sid == sid
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return ((version * 31 + cmd) * 31 + sid) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Frame[v" + version + " " + cmdName(cmd) + " sid=" + sidUnsigned() + " len=" + data.length + "]";
    }
}
