package io.kcplab.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds plain KCP segments by hand (24-byte little-endian header), for tests that play a foreign peer. */
final class RawKcp {

    private RawKcp() {
    }

    static byte[] push(int conv, int sn, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(24 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(conv).put((byte) 81).put((byte) 0).putShort((short) 128).putInt(0).putInt(sn).putInt(0)
                .putInt(data.length).put(data);
        return b.array();
    }
}
