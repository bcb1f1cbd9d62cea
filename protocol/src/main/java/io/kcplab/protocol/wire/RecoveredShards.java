package io.kcplab.protocol.wire;

import io.kcplab.protocol.fec.RecoveredShardSink;
import java.util.Arrays;

/**
 * Keeps the FEC decoder's rebuilt shards (valid only during its callback) until the packet that completed their
 * group has gone to KCP: kcp-go inputs the received data shard first, then the recovered ones. Holds the KCP bytes
 * only (the 2-byte size field is stripped).
 */
final class RecoveredShards implements RecoveredShardSink {

    private byte[][] bufs = new byte[0][];
    private int[] lens = new int[0];
    private int count;

    @Override
    public void recovered(byte[] shard, int off, int len) {
        // off..off+len starts at the size field (len = its value, checked in 2..shard length by the decoder)
        int kcpLen = len - 2;
        if (count == bufs.length) {
            grow();
        }
        System.arraycopy(shard, off + 2, bufs[count], 0, kcpLen);
        lens[count] = kcpLen;
        count++;
    }

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    byte[] buffer(int i) {
        return bufs[i];
    }

    int length(int i) {
        return lens[i];
    }

    /** At most ds shards per call; grows only when a larger group shape than ever before shows up. */
    private void grow() {
        int cap = Math.max(4, bufs.length * 2);
        byte[][] grown = Arrays.copyOf(bufs, cap);
        for (int i = bufs.length; i < cap; i++) {
            grown[i] = new byte[PacketCodec.MTU_LIMIT];
        }
        bufs = grown;
        lens = Arrays.copyOf(lens, cap);
    }
}
