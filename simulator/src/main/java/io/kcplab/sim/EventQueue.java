package io.kcplab.sim;

import java.util.Arrays;

/**
 * The pending events of a simulation, ordered by (time, insertion sequence) so that events at the same
 * microsecond run in the order they were scheduled: the tie-break that makes a run a pure function of its inputs.
 *
 * <p>Storage is structure-of-arrays: an event is a slot index into primitive arrays, kept in a binary min-heap of
 * slot indices. Freed slots are reused, so a steady-state simulation allocates nothing per event. A handle
 * ({@code generation << 32 | slot}) identifies a scheduled event for {@link #cancel}; it becomes stale once the
 * event ran or was cancelled, and a stale handle is ignored.
 */
public final class EventQueue {

    private long[] time;
    private long[] sequence;
    private long[] arg;
    private EventHandler[] handler;
    private int[] generation;
    private int[] heapIndex;     // slot -> position in heap, -1 when free
    private int[] heap;          // heap position -> slot
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
        sequence = new long[n];
        arg = new long[n];
        handler = new EventHandler[n];
        generation = new int[n];
        heapIndex = new int[n];
        heap = new int[n];
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
        sequence[slot] = nextSequence++;
        arg[slot] = eventArg;
        handler[slot] = eventHandler;
        int pos = size++;
        heap[pos] = slot;
        heapIndex[slot] = pos;
        siftUp(pos);
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
        return size == 0 ? Long.MAX_VALUE : time[heap[0]];
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
        sequence = Arrays.copyOf(sequence, n);
        arg = Arrays.copyOf(arg, n);
        handler = Arrays.copyOf(handler, n);
        generation = Arrays.copyOf(generation, n);
        int old = heapIndex.length;
        heapIndex = Arrays.copyOf(heapIndex, n);
        Arrays.fill(heapIndex, old, n, -1);
        heap = Arrays.copyOf(heap, n);
        free = Arrays.copyOf(free, n);
    }

    private boolean less(int slotA, int slotB) {
        long ta = time[slotA];
        long tb = time[slotB];
        return ta < tb || (ta == tb && sequence[slotA] < sequence[slotB]);
    }

    private void removeAt(int pos) {
        int last = --size;
        int removed = heap[pos];
        heapIndex[removed] = -1;
        if (pos == last) {
            return;
        }
        int moved = heap[last];
        heap[pos] = moved;
        heapIndex[moved] = pos;
        if (pos > 0 && less(moved, heap[(pos - 1) >>> 1])) {
            siftUp(pos);
        } else {
            siftDown(pos);
        }
    }

    private void siftUp(int pos) {
        int slot = heap[pos];
        while (pos > 0) {
            int parentPos = (pos - 1) >>> 1;
            int parent = heap[parentPos];
            if (!less(slot, parent)) {
                break;
            }
            heap[pos] = parent;
            heapIndex[parent] = pos;
            pos = parentPos;
        }
        heap[pos] = slot;
        heapIndex[slot] = pos;
    }

    private void siftDown(int pos) {
        int slot = heap[pos];
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            int c = heap[child];
            if (!less(c, slot)) {
                break;
            }
            heap[pos] = c;
            heapIndex[c] = pos;
            pos = child;
        }
        heap[pos] = slot;
        heapIndex[slot] = pos;
    }
}
