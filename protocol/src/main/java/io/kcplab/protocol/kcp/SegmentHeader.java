package io.kcplab.protocol.kcp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 24-byte KCP segment header, little-endian: conv u32, cmd u8, frg u8, wnd u16, ts u32, sn u32, una u32,
 * len u32. A reusable flyweight: {@link #read} fills the fields from a datagram without allocating.
 */
final class SegmentHeader {
    static final int SIZE = 24;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    int conv;
    int cmd;
    int frg;
    int wnd;
    int ts;
    int sn;
    int una;
    /** Payload bytes; negative when the u32 on the wire is 2^31 or more. */
    int len;

    /** Decodes the header at {@code data[p, p + 24)}; the caller checked that 24 bytes are there. */
    void read(byte[] data, int p) {
        conv = (int) INT_LE.get(data, p);
        cmd = data[p + 4] & 0xff;
        frg = data[p + 5] & 0xff;
        wnd = (short) SHORT_LE.get(data, p + 6) & 0xffff;
        ts = (int) INT_LE.get(data, p + 8);
        sn = (int) INT_LE.get(data, p + 12);
        una = (int) INT_LE.get(data, p + 16);
        len = (int) INT_LE.get(data, p + 20);
    }

    /**
     * Decodes the header at {@code data[p]} and checks it as ikcp_input and kcp-go's Input both do, in their order:
     * 0 for a segment to take, -1 for another conversation, -2 for a payload longer than {@code data[p + 24, end)},
     * -3 for an unknown command (the codes both return from input).
     */
    int readChecked(byte[] data, int p, int end, int expectedConv) {
        read(data, p);
        if (conv != expectedConv) {
            return -1;
        }
        if (len < 0 || end - (p + SIZE) < len) {
            return -2;
        }
        if (cmd < Kcp.CMD_PUSH || cmd > Kcp.CMD_WINS) {
            return -3;
        }
        return 0;
    }

    /** The conversation id of the segment at {@code data[p]}, without decoding the rest. */
    static int conv(byte[] data, int p) {
        return (int) INT_LE.get(data, p);
    }

    static void write(byte[] b, int p, int conv, int cmd, int frg, int wnd, int ts, int sn, int una, int len) {
        INT_LE.set(b, p, conv);
        b[p + 4] = (byte) cmd;
        b[p + 5] = (byte) frg;
        SHORT_LE.set(b, p + 6, (short) wnd);
        INT_LE.set(b, p + 8, ts);
        INT_LE.set(b, p + 12, sn);
        INT_LE.set(b, p + 16, una);
        INT_LE.set(b, p + 20, len);
    }
}
