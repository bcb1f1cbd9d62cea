package io.kcplab.transport.smux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.compression.Snappy;
import java.util.zip.CRC32C;

/**
 * The writing half of snappy's framing format as kcptun uses it below smux (its {@code --nocomp} off): the stream
 * starts with the identifier chunk {@code ff 06 00 00 73 4e 61 50 70 59}, then every smux frame becomes exactly one
 * chunk, {@code type u8 | length u24 LE | masked CRC-32C of the uncompressed bytes u32 LE | body}: type 0x00 with a
 * snappy block (Netty's {@link Snappy} codec) or type 0x01 holding the bytes as they are when compression does not
 * pay (compressed size at least {@code n - n/8}, the rule of kcptun's snappy writer). Not thread-safe: one per
 * session's writer.
 */
public final class SnappyFraming {

    /** The stream identifier chunk. */
    static final byte[] STREAM_IDENTIFIER = {(byte) 0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59};
    static final int COMPRESSED = 0x00;
    static final int UNCOMPRESSED = 0x01;
    /** The largest uncompressed chunk of the format. */
    public static final int MAX_UNCOMPRESSED = 65536;

    private final Snappy snappy = new Snappy();
    private boolean started;
    private long chunks;
    private long rawChunks;
    private long bytesIn;
    private long bytesOut;

    /**
     * One chunk (preceded by the stream identifier the first time) holding {@code len} bytes.
     *
     * @throws IllegalArgumentException if {@code len} exceeds 65536 bytes
     */
    public byte[] encode(byte[] data, int off, int len) {
        if (len > MAX_UNCOMPRESSED) {
            throw new IllegalArgumentException("chunk of " + len + " bytes; the snappy framing format takes at most "
                    + MAX_UNCOMPRESSED);
        }
        int crc = maskedCrc(data, off, len);
        ByteBuf in = Unpooled.wrappedBuffer(data, off, len);
        ByteBuf compressed = Unpooled.buffer(32 + len + len / 6);
        byte[] body;
        int type;
        try {
            snappy.reset();
            snappy.encode(in, compressed, len);
            if (compressed.readableBytes() >= len - len / 8) {
                type = UNCOMPRESSED;
                body = null;
            } else {
                type = COMPRESSED;
                body = new byte[compressed.readableBytes()];
                compressed.readBytes(body);
            }
        } finally {
            compressed.release();
        }
        int bodyLen = type == COMPRESSED ? body.length : len;
        int prefix = started ? 0 : STREAM_IDENTIFIER.length;
        byte[] out = new byte[prefix + 8 + bodyLen];
        if (!started) {
            System.arraycopy(STREAM_IDENTIFIER, 0, out, 0, prefix);
            started = true;
        }
        int chunkLen = 4 + bodyLen;
        out[prefix] = (byte) type;
        out[prefix + 1] = (byte) chunkLen;
        out[prefix + 2] = (byte) (chunkLen >>> 8);
        out[prefix + 3] = (byte) (chunkLen >>> 16);
        Frame.putInt(out, prefix + 4, crc);
        if (type == COMPRESSED) {
            System.arraycopy(body, 0, out, prefix + 8, bodyLen);
        } else {
            System.arraycopy(data, off, out, prefix + 8, len);
            rawChunks++;
        }
        chunks++;
        bytesIn += len;
        bytesOut += out.length;
        return out;
    }

    /** snappy's masked CRC-32C: {@code ((c >>> 15) | (c << 17)) + 0xa282ead8}. */
    static int maskedCrc(byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        int v = (int) c.getValue();
        return ((v >>> 15) | (v << 17)) + 0xa282ead8;
    }

    public long chunks() {
        return chunks;
    }

    public long rawChunks() {
        return rawChunks;
    }

    /** Uncompressed bytes taken. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Bytes produced, chunk headers and identifier included. */
    public long bytesOut() {
        return bytesOut;
    }
}
