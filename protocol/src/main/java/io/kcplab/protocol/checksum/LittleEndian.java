package io.kcplab.protocol.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** 4- and 8-byte little-endian fields, the only widths a checksum field takes. */
final class LittleEndian {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static void put(byte[] buf, int at, long value, int width) {
        if (width == 8) {
            LONG_LE.set(buf, at, value);
        } else {
            INT_LE.set(buf, at, (int) value);
        }
    }

    static long get(byte[] buf, int at, int width) {
        if (width == 8) {
            return (long) LONG_LE.get(buf, at);
        }
        return (int) INT_LE.get(buf, at) & 0xffffffffL;
    }
}
