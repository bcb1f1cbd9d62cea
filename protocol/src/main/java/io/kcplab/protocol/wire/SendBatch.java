package io.kcplab.protocol.wire;

import io.kcplab.protocol.checksum.PacketChecksum;
import io.kcplab.protocol.crypto.BlockCrypt;
import io.kcplab.protocol.fec.FecEncoder;

/**
 * {@link PacketCodec}'s send side: frames KCP datagrams (FEC header, parity packets) into a bounded batch of wire
 * datagrams, then seals the batch (nonce and checksum per packet, one lock-step encryption) and sends it in order.
 * An immediate encode seals the caller's buffer and the FEC encoder's parity buffers where they are; a deferred
 * one copies into the batch's own slots, allocated on first use.
 */
final class SendBatch {

    private static final int MTU_LIMIT = PacketCodec.MTU_LIMIT;
    private static final int NONCE_SIZE = PacketCodec.NONCE_SIZE;

    private final BlockCrypt cipher;          // null: no crypto header at all
    private final PacketChecksum checksum;    // null iff cipher is null
    private final NonceSource nonces;
    private final int cryptoHeader;
    private final int headerSize;
    private final FecEncoder fecEncoder;      // null: FEC off on send
    private final Counters counters;

    private final int limit;                  // deferred datagrams per batch
    private final byte[][] slots;             // the batch's own datagram buffers, allocated on first use
    private final byte[][] packets;           // what the next seal covers: slots, or an immediate encode's buffers
    private final int[] offsets;              // all 0
    private final int[] lengths;
    private int count;
    private boolean sealing;                  // guards against a sink that encodes on this codec

    SendBatch(BlockCrypt cipher, PacketChecksum checksum, NonceSource nonces, int cryptoHeader, int headerSize,
              FecEncoder fecEncoder, int parityShards, int limit, Counters counters) {
        this.cipher = cipher;
        this.checksum = checksum;
        this.nonces = nonces;
        this.cryptoHeader = cryptoHeader;
        this.headerSize = headerSize;
        this.fecEncoder = fecEncoder;
        this.counters = counters;
        this.limit = limit;
        this.slots = new byte[limit][];
        int entries = Math.max(limit, 1 + parityShards); // an immediate encode seals 1 + parity at once
        this.packets = new byte[entries][];
        this.offsets = new int[entries];
        this.lengths = new int[entries];
    }

    /** See {@link PacketCodec#encode}. */
    void encode(byte[] buf, int len, DatagramSink out) {
        checkSend(buf, len);
        if (count > 0) {
            encodeDeferred(buf, len, out);
            flush(out);
            return;
        }
        // Nothing waiting: seal the caller's buffer and the FEC encoder's parity buffers where they are.
        int parity = fecEncoder == null ? 0 : fecEncoder.encode(buf, len);
        packets[0] = buf;
        lengths[0] = len;
        for (int j = 0; j < parity; j++) {
            packets[1 + j] = fecEncoder.parityPacket(j);
            lengths[1 + j] = fecEncoder.parityLength();
        }
        count = 1 + parity;
        seal(out);
    }

    /** See {@link PacketCodec#encodeDeferred}. */
    void encodeDeferred(byte[] buf, int len, DatagramSink out) {
        checkSend(buf, len);
        // FEC first, as encode does: it stamps the FEC header into buf and copies the shard for itself.
        int parity = fecEncoder == null ? 0 : fecEncoder.encode(buf, len);
        add(buf, len, out);
        for (int j = 0; j < parity; j++) {
            // parity buffers are reused by the next group, which may complete before this batch is sealed
            add(fecEncoder.parityPacket(j), fecEncoder.parityLength(), out);
        }
    }

    /** See {@link PacketCodec#flush}. */
    void flush(DatagramSink out) {
        if (sealing) {
            throw reentered();
        }
        if (count > 0) {
            seal(out);
        }
    }

    int pending() {
        return count;
    }

    private void checkSend(byte[] buf, int len) {
        if (sealing) {
            throw reentered();
        }
        if (len < headerSize || len > MTU_LIMIT || len > buf.length) {
            throw new IllegalArgumentException("datagram length must be in " + headerSize + ".."
                    + Math.min(MTU_LIMIT, buf.length) + " (header " + headerSize + " bytes reserved in front of the"
                    + " KCP bytes, at most " + MTU_LIMIT + " in total); got " + len);
        }
    }

    private static IllegalStateException reentered() {
        return new IllegalStateException("a DatagramSink called back into the PacketCodec that is sending through"
                + " it; queue the work and run it after transmit returns");
    }

    /** Copies {@code pkt[cryptoHeader, len)} (the crypto header is filled at sealing) into the next batch slot. */
    private void add(byte[] pkt, int len, DatagramSink out) {
        if (count == limit) {
            seal(out);
        }
        int i = count;
        byte[] slot = slots[i];
        if (slot == null) {
            slot = slots[i] = new byte[MTU_LIMIT];
        }
        System.arraycopy(pkt, cryptoHeader, slot, cryptoHeader, len - cryptoHeader);
        packets[i] = slot;
        lengths[i] = len;
        count = i + 1;
    }

    /** Nonce and checksum for each packet in batch order, one batch encryption, then transmission in order. */
    private void seal(DatagramSink out) {
        int n = count;
        sealing = true;
        try {
            if (cipher != null) {
                for (int i = 0; i < n; i++) {
                    byte[] p = packets[i];
                    nonces.fill(p, 0);
                    checksum.write(p, NONCE_SIZE, lengths[i]);
                }
                cipher.encryptBatch(packets, offsets, lengths, n);
            }
            for (int i = 0; i < n; i++) {
                counters.outPkts++;
                counters.outBytes += lengths[i];
                out.transmit(packets[i], 0, lengths[i]);
            }
        } finally {
            // a throwing sink loses the rest of this batch (as it would with one datagram at a time), never resends it
            for (int i = 0; i < n; i++) {
                packets[i] = null;
            }
            count = 0;
            sealing = false;
        }
    }
}
