package io.kcplab.sim.net;

import java.util.Arrays;

/** netem's tfifo: held packets ordered by (send time, insertion order); a binary min-heap. */
final class PacketQueue {

    private Packet[] heap = new Packet[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Packet peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Packet p) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int pos = size++;
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            Packet q = heap[parent];
            if (!less(p, q)) {
                break;
            }
            heap[pos] = q;
            pos = parent;
        }
        heap[pos] = p;
    }

    Packet poll() {
        if (size == 0) {
            return null;
        }
        Packet top = heap[0];
        Packet last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int pos = 0;
            int half = size >>> 1;
            while (pos < half) {
                int child = 2 * pos + 1;
                if (child + 1 < size && less(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!less(heap[child], last)) {
                    break;
                }
                heap[pos] = heap[child];
                pos = child;
            }
            heap[pos] = last;
        }
        return top;
    }

    private static boolean less(Packet a, Packet b) {
        return a.deliverNanos < b.deliverNanos || (a.deliverNanos == b.deliverNanos && a.order < b.order);
    }
}
