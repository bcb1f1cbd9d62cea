package io.kcplab.protocol.kcp;

/** Pending (sn, ts) acknowledgements in arrival order, duplicates included; grows by doubling and is reused. */
final class AckList {
    private int[] sn = new int[16];
    private int[] ts = new int[16];
    private int size;

    void push(int sequence, int timestamp) {
        if (size == sn.length) {
            sn = java.util.Arrays.copyOf(sn, size * 2);
            ts = java.util.Arrays.copyOf(ts, size * 2);
        }
        sn[size] = sequence;
        ts[size] = timestamp;
        size++;
    }

    int size() {
        return size;
    }

    int sn(int i) {
        return sn[i];
    }

    int ts(int i) {
        return ts[i];
    }

    void clear() {
        size = 0;
    }
}
