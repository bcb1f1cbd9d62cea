package io.kcplab.protocol.wire;

import io.kcplab.protocol.checksum.PacketChecksum;
import io.kcplab.protocol.crypto.BlockCrypt;
import io.kcplab.protocol.fec.FecDecoder;
import io.kcplab.protocol.fec.FecEncoder;

/**
 * {@link PacketCodec}'s receive side: decrypt into its own buffer, verify the checksum, hand raw KCP or FEC data
 * shards to KCP and parity to the FEC decoder, then the shards FEC rebuilt. Counts and drops bad datagrams; never
 * throws on their content.
 */
final class ReceivePath {

    private static final int MTU_LIMIT = PacketCodec.MTU_LIMIT;
    private static final int NONCE_SIZE = PacketCodec.NONCE_SIZE;
    private static final int KCP_OVERHEAD = PacketCodec.KCP_OVERHEAD;
    private static final int FEC_HEADER_SIZE_PLUS_2 = PacketCodec.FEC_HEADER_SIZE_PLUS_2;

    private final BlockCrypt cipher;          // null: no crypto header at all
    private final PacketChecksum checksum;    // null iff cipher is null
    private final int cryptoHeader;
    private final FecDecoder.CodecFactory codecFactory;
    private final Counters counters;
    private FecDecoder fecDecoder;            // lazily created on the first FEC packet when FEC is off

    private final byte[] plain = new byte[MTU_LIMIT];
    private final RecoveredShards recovered = new RecoveredShards();

    ReceivePath(BlockCrypt cipher, PacketChecksum checksum, int cryptoHeader, FecDecoder fecDecoder,
                FecDecoder.CodecFactory codecFactory, Counters counters) {
        this.cipher = cipher;
        this.checksum = checksum;
        this.cryptoHeader = cryptoHeader;
        this.fecDecoder = fecDecoder;
        this.codecFactory = codecFactory;
        this.counters = counters;
    }

    FecDecoder fecDecoder() {
        return fecDecoder;
    }

    /** See {@link PacketCodec#decode}. */
    void decode(byte[] wire, int off, int len, int nowMs, KcpInputSink in) {
        counters.inDatagrams++;
        if (wire == null || off < 0 || len < 0 || off > wire.length - len) {
            counters.shortPackets++; // a caller slip, but receive paths count and drop rather than throw
            return;
        }
        if (len > MTU_LIMIT) {
            counters.oversizePackets++;
            return;
        }
        byte[] p = wire;
        int pOff = off;
        int pLen = len;
        if (cipher != null) {
            if (len < cryptoHeader) {
                counters.shortPackets++;
                return;
            }
            cipher.decrypt(wire, off, plain, 0, len);
            if (!checksum.verify(plain, NONCE_SIZE, len)) {
                counters.inCsumErrors++;
                return;
            }
            p = plain;
            pOff = cryptoHeader;
            pLen = len - cryptoHeader;
        }
        if (pLen < KCP_OVERHEAD) {
            counters.shortPackets++;
            return;
        }
        // For raw KCP these two bytes are cmd (81..84) | frg << 8, which can never read as 0xF1 or 0xF2.
        int type = (p[pOff + 4] & 0xff) | (p[pOff + 5] & 0xff) << 8;
        if (type != FecEncoder.TYPE_DATA && type != FecEncoder.TYPE_PARITY) {
            countIn(pLen);
            if (in.input(p, pOff, pLen, true) != 0) {
                counters.kcpInErrors++;
            }
            return;
        }
        if (pLen < FEC_HEADER_SIZE_PLUS_2) {
            counters.inErrs++; // kcp-go checks this too; unreachable after the 24-byte minimum
            return;
        }
        countIn(pLen);
        if (type == FecEncoder.TYPE_PARITY) {
            counters.fecParityShards++;
        }
        decodeFec(p, pOff, pLen, type == FecEncoder.TYPE_DATA, nowMs, in);
    }

    private void decodeFec(byte[] p, int pOff, int pLen, boolean data, int nowMs, KcpInputSink in) {
        if (fecDecoder == null) {
            fecDecoder = new FecDecoder(1, 1, codecFactory); // kcp-go: lazily, (1,1); autotune fixes the shape
        }
        recovered.clear();
        fecDecoder.decode(p, pOff, pLen, nowMs, recovered);
        counters.fecErrs = fecDecoder.errors();
        counters.fecShortShards = fecDecoder.shortShards();
        if (data) {
            // the size field of a received data shard is ignored, as in kcp-go: KCP parses its own lengths
            if (in.input(p, pOff + FEC_HEADER_SIZE_PLUS_2, pLen - FEC_HEADER_SIZE_PLUS_2, true) != 0) {
                counters.kcpInErrors++;
            }
        }
        int n = recovered.count();
        recovered.clear();
        for (int i = 0; i < n; i++) {
            if (in.input(recovered.buffer(i), 0, recovered.length(i), false) == 0) {
                counters.fecRecovered++;
            } else {
                counters.kcpInErrors++;
            }
        }
    }

    private void countIn(int pLen) {
        counters.inPkts++;
        counters.inBytes += pLen;
    }
}
