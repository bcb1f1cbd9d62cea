package io.kcplab.protocol.kcp;

import java.util.Arrays;

/**
 * Packs segments into datagrams of at most {@code mtu} bytes, as ikcp's flush does: a segment that would not fit
 * sends the pending datagram first. The first {@code reserved} bytes of each datagram are left for the layers below
 * (FEC and cipher headers). Reuses one buffer.
 */
final class DatagramWriter {
    private final int conv;
    private final KcpOutput output;
    private byte[] buffer;
    private int mtu;
    private int reserved;
    private int ptr;
    private long segmentsWritten;

    DatagramWriter(int conv, KcpOutput output, int mtu, int bufferSize) {
        this.conv = conv;
        this.output = output;
        resize(mtu, bufferSize);
    }

    void resize(int mtu, int bufferSize) {
        this.mtu = mtu;
        this.buffer = new byte[bufferSize];
        this.ptr = reserved;
    }

    void reserve(int bytes) {
        reserved = bytes;
        ptr = bytes;
    }

    int reserved() {
        return reserved;
    }

    /** Segments written so far (PUSH, ACK, WASK, WINS), like kcp-go's OutSegs. */
    long segmentsWritten() {
        return segmentsWritten;
    }

    /** Starts a flush: the next datagram begins after the reserved bytes. */
    void begin() {
        ptr = reserved;
    }

    /** Emits the pending datagram first if {@code space} more bytes would exceed the MTU (reserved bytes count). */
    void makeSpace(int space) {
        if (ptr + space > mtu) {
            emit();
        }
        int needed = ptr + space;
        if (needed > buffer.length) {
            // Only after setMtu shrank below a queued segment: C would write past mtu (or overflow its buffer).
            buffer = Arrays.copyOf(buffer, needed);
        }
    }

    void emit() {
        if (ptr > reserved) {
            output.output(buffer, 0, ptr);
        }
        ptr = reserved;
    }

    /** A header-only segment (ACK, WASK, WINS); {@link #makeSpace} made room for it. */
    void header(int cmd, int frg, int wnd, int ts, int sn, int una, int len) {
        SegmentHeader.write(buffer, ptr, conv, cmd, frg, wnd, ts, sn, una, len);
        ptr += SegmentHeader.SIZE;
        segmentsWritten++;
    }

    void segment(Segment seg) {
        header(seg.cmd, seg.frg, seg.wnd, seg.ts, seg.sn, seg.una, seg.len);
        if (seg.len > 0) {
            System.arraycopy(seg.data, 0, buffer, ptr, seg.len);
            ptr += seg.len;
        }
    }
}
