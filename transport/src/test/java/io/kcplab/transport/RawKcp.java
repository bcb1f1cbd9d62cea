package io.kcplab.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds plain KCP segments by hand (24-byte little-endian header), for tests that play a foreign peer. */
final class RawKcp {

    private RawKcp() {
    }

    static byte[] push(int conv, int sn, byte[] data) {
        return segment(conv, 81, sn, data);
    }

    static byte[] ack(int conv, int sn) {
        return segment(conv, 82, sn, new byte[0]);
    }

    private static byte[] segment(int conv, int cmd, int sn, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(24 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(conv).put((byte) cmd).put((byte) 0).putShort((short) 128).putInt(0).putInt(sn).putInt(0)
                .putInt(data.length).put(data);
        return b.array();
    }
}
