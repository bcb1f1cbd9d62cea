package io.kcplab.sim.net;

/**
 * One datagram in flight on a link, pooled (see {@link PacketPool}): its payload, its simulated UDP addressing and
 * the link's bookkeeping. Observers get a packet only for the duration of a call and must not keep it.
 */
public final class Packet {

    byte[] data;
    int length;
    int srcAddress;
    int srcPort;
    int dstAddress;
    int dstPort;
    long id;
    boolean duplicate;
    long sendTimeMicros;
    long deliverNanos;   // netem's time_to_send, nanoseconds
    long order;          // link-local insertion order: the tie-break among equal send times
    Packet nextFree;

    Packet(int capacity) {
        data = new byte[capacity];
    }

    /** The payload buffer; valid bytes are [0, length()). */
    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    /** IPv4 source address (big-endian int, e.g. 0x0A000001 = 10.0.0.1). */
    public int srcAddress() {
        return srcAddress;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstAddress() {
        return dstAddress;
    }

    public int dstPort() {
        return dstPort;
    }

    /** Sequence number of the send on its link (0, 1, ...); a duplicate carries the id of its original. */
    public long id() {
        return id;
    }

    public boolean isDuplicate() {
        return duplicate;
    }

    /** When the sender handed the datagram to the link. */
    public long sendTimeMicros() {
        return sendTimeMicros;
    }

    /** Length of the IPv4 packet carrying this payload. */
    public int ipLength() {
        return length + LinkProfile.IP_UDP_OVERHEAD;
    }
}
