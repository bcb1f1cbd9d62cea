package io.kcplab.sim;

import java.util.Arrays;

/**
 * The pending events of a simulation, ordered by (time, insertion sequence) so that events at the same
 * microsecond run in the order they were scheduled: the tie-break that makes a run a pure function of its inputs.
 *
 * <p>Storage is structure-of-arrays: an event is a slot index into primitive arrays (handler, argument); the binary
 * min-heap keeps each entry's (time, sequence) key next to its slot index, so sifting touches contiguous memory
 * only (it dominates when thousands of events are pending). Freed slots are reused, so a steady-state simulation allocates nothing per event. A handle
 * ({@code generation << 32 | slot}) identifies a scheduled event for {@link #cancel}; it becomes stale once the
 * event ran or was cancelled, and a stale handle is ignored.
 */
public final class EventQueue {

    private long[] time;         // slot -> time (read when the event runs)
    private long[] arg;
    private EventHandler[] handler;
    private int[] generation;
    private int[] heapIndex;     // slot -> position in heap, -1 when free
    private int[] heap;          // heap position -> slot
    private long[] heapTime;     // heap position -> time
    private long[] heapSeq;      // heap position -> insertion sequence
    private int size;
    private int[] free;
    private int freeCount;
    private int slotsUsed;
    private long nextSequence;

    public EventQueue() {
        this(64);
    }

    public EventQueue(int initialCapacity) {
        int n = Math.max(4, initialCapacity);
        time = new long[n];
        arg = new long[n];
        handler = new EventHandler[n];
        generation = new int[n];
        heapIndex = new int[n];
        heap = new int[n];
        heapTime = new long[n];
        heapSeq = new long[n];
        free = new int[n];
        Arrays.fill(heapIndex, -1);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Adds an event; returns its handle. */
    public long push(long atTime, EventHandler eventHandler, long eventArg) {
        int slot = allocateSlot();
        time[slot] = atTime;
        arg[slot] = eventArg;
        handler[slot] = eventHandler;
        siftUp(size++, slot, atTime, nextSequence++);
        return ((long) generation[slot] << 32) | slot;
    }

    /** Removes a pending event; returns false if the handle is stale (already ran or cancelled). */
    public boolean cancel(long handle) {
        int slot = (int) handle;
        if (slot < 0 || slot >= slotsUsed || generation[slot] != (int) (handle >>> 32) || heapIndex[slot] < 0) {
            return false;
        }
        removeAt(heapIndex[slot]);
        releaseSlot(slot);
        return true;
    }

    /** True while the event of {@code handle} is still pending. */
    public boolean isPending(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < slotsUsed && generation[slot] == (int) (handle >>> 32) && heapIndex[slot] >= 0;
    }

    /** Time of the earliest event; Long.MAX_VALUE when empty. */
    public long peekTime() {
        return size == 0 ? Long.MAX_VALUE : heapTime[0];
    }

    /** Slot of the earliest event, removed from the heap but not yet released; -1 if empty. */
    int pollSlot() {
        if (size == 0) {
            return -1;
        }
        int slot = heap[0];
        removeAt(0);
        return slot;
    }

    long timeOf(int slot) {
        return time[slot];
    }

    long argOf(int slot) {
        return arg[slot];
    }

    EventHandler handlerOf(int slot) {
        return handler[slot];
    }

    /** Returns a slot obtained from {@link #pollSlot()} to the free list. */
    void releaseSlot(int slot) {
        handler[slot] = null;
        generation[slot]++;
        heapIndex[slot] = -1;
        free[freeCount++] = slot;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == time.length) {
            grow();
        }
        return slotsUsed++;
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        arg = Arrays.copyOf(arg, n);
        handler = Arrays.copyOf(handler, n);
        generation = Arrays.copyOf(generation, n);
        int old = heapIndex.length;
        heapIndex = Arrays.copyOf(heapIndex, n);
        Arrays.fill(heapIndex, old, n, -1);
        heap = Arrays.copyOf(heap, n);
        heapTime = Arrays.copyOf(heapTime, n);
        heapSeq = Arrays.copyOf(heapSeq, n);
        free = Arrays.copyOf(free, n);
    }

    private void removeAt(int pos) {
        int last = --size;
        heapIndex[heap[pos]] = -1;
        if (pos == last) {
            return;
        }
        int slot = heap[last];
        long t = heapTime[last];
        long q = heapSeq[last];
        if (pos > 0 && less(t, q, (pos - 1) >>> 1)) {
            siftUp(pos, slot, t, q);
        } else {
            siftDown(pos, slot, t, q);
        }
    }

    /** True if key (t, q) orders before the entry at heap position {@code pos}. */
    private boolean less(long t, long q, int pos) {
        long tp = heapTime[pos];
        return t < tp || (t == tp && q < heapSeq[pos]);
    }

    private void place(int pos, int slot, long t, long q) {
        heap[pos] = slot;
        heapTime[pos] = t;
        heapSeq[pos] = q;
        heapIndex[slot] = pos;
    }

    private void siftUp(int pos, int slot, long t, long q) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!less(t, q, parent)) {
                break;
            }
            place(pos, heap[parent], heapTime[parent], heapSeq[parent]);
            pos = parent;
        }
        place(pos, slot, t, q);
    }

    private void siftDown(int pos, int slot, long t, long q) {
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && less(heapTime[right], heapSeq[right], child)) {
                child = right;
            }
            if (!lessKey(heapTime[child], heapSeq[child], t, q)) {
                break;
            }
            place(pos, heap[child], heapTime[child], heapSeq[child]);
            pos = child;
        }
        place(pos, slot, t, q);
    }

    private static boolean lessKey(long ta, long qa, long tb, long qb) {
        return ta < tb || (ta == tb && qa < qb);
    }
}
