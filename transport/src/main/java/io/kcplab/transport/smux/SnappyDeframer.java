package io.kcplab.transport.smux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.compression.Snappy;
import java.nio.ByteBuffer;

/**
 * Sans-I/O reader of snappy's framing format (the reading half of {@link SnappyFraming}): bytes in, uncompressed
 * chunk payloads out. It never throws on its input. The first chunk must be the stream identifier; a compressed
 * (0x00) or raw (0x01) chunk must pass its masked CRC-32C and hold at most 65536 bytes; reserved unskippable types
 * 0x02..0x7f are an error; skippable types 0x80..0xfe are skipped (as snappy's reader). The first error puts it in
 * the failed state with a {@link #failure() reason}.
 */
public final class SnappyDeframer {

    /** Largest chunk body accepted: the CRC plus the worst-case snappy encoding of 65536 bytes. */
    static final int MAX_CHUNK_BODY = 4 + 32 + SnappyFraming.MAX_UNCOMPRESSED + SnappyFraming.MAX_UNCOMPRESSED / 6;

    private final Snappy snappy = new Snappy();
    private ByteBuffer buf = ByteBuffer.allocate(4096).flip();
    private boolean identified;
    private String failure;
    private long chunks;
    private long bytesIn;
    private long bytesOut;

    public void feed(byte[] b, int off, int len) {
        if (failure != null || len == 0) {
            return;
        }
        bytesIn += len;
        buf.compact();
        if (buf.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + len));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        buf.put(b, off, len);
        buf.flip();
    }

    /** The next chunk's uncompressed bytes, or null if more input is needed or the stream failed. */
    public byte[] next() {
        while (failure == null && buf.remaining() >= 4) {
            int p = buf.position();
            int type = buf.get(p) & 0xFF;
            int len = (buf.get(p + 1) & 0xFF) | (buf.get(p + 2) & 0xFF) << 8 | (buf.get(p + 3) & 0xFF) << 16;
            if (!identified && type != 0xff) {
                return fail("the stream does not start with snappy's stream identifier (first chunk type 0x"
                        + Integer.toHexString(type) + "): is compression off on the peer (--nocomp)?");
            }
            if (len > MAX_CHUNK_BODY) {
                return fail("chunk of type 0x" + Integer.toHexString(type) + " claims " + len + " bytes (at most "
                        + MAX_CHUNK_BODY + ")");
            }
            if (type >= 0x02 && type <= 0x7f) {
                return fail("reserved unskippable chunk type 0x" + Integer.toHexString(type));
            }
            if (buf.remaining() < 4 + len) {
                return null;
            }
            buf.position(p + 4);
            byte[] body = new byte[len];
            buf.get(body);
            chunks++;
            switch (type) {
                case 0xff -> {
                    if (len != 6 || !java.util.Arrays.equals(body, 0, 6, SnappyFraming.STREAM_IDENTIFIER, 4, 10)) {
                        return fail("bad stream identifier chunk");
                    }
                    identified = true;
                }
                case SnappyFraming.COMPRESSED -> {
                    return decompressed(body);
                }
                case SnappyFraming.UNCOMPRESSED -> {
                    return raw(body);
                }
                default -> {
                    // 0x80..0xfe: skippable (padding and reserved)
                }
            }
        }
        return null;
    }

    private byte[] raw(byte[] body) {
        if (body.length < 4) {
            return fail("uncompressed chunk of " + body.length + " bytes has no room for its checksum");
        }
        int n = body.length - 4;
        if (n > SnappyFraming.MAX_UNCOMPRESSED) {
            return fail("uncompressed chunk of " + n + " bytes (at most 65536)");
        }
        byte[] out = java.util.Arrays.copyOfRange(body, 4, body.length);
        return checked(Frame.getInt(body, 0), out);
    }

    private byte[] decompressed(byte[] body) {
        if (body.length < 5) {
            return fail("compressed chunk of " + body.length + " bytes is too short");
        }
        // the block's preamble: the uncompressed length as a varint
        long n = 0;
        int i = 4;
        int shift = 0;
        while (true) {
            if (i >= body.length || shift > 28) {
                return fail("compressed chunk with a bad length preamble");
            }
            int b = body[i++] & 0xFF;
            n |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (n > SnappyFraming.MAX_UNCOMPRESSED) {
            return fail("compressed chunk decodes to " + n + " bytes (at most 65536)");
        }
        ByteBuf in = Unpooled.wrappedBuffer(body, 4, body.length - 4);
        ByteBuf out = Unpooled.buffer((int) n, (int) n);
        byte[] result;
        try {
            snappy.reset();
            snappy.decode(in, out);
            if (out.readableBytes() != n || in.isReadable()) {
                return fail("corrupt compressed chunk (decoded " + out.readableBytes() + " of " + n + " bytes)");
            }
            result = new byte[(int) n];
            out.readBytes(result);
        } catch (RuntimeException e) {
            return fail("corrupt compressed chunk: " + e.getMessage());
        } finally {
            out.release();
        }
        return checked(Frame.getInt(body, 0), result);
    }

    private byte[] checked(int crc, byte[] data) {
        if (SnappyFraming.maskedCrc(data, 0, data.length) != crc) {
            return fail("chunk checksum mismatch (CRC-32C)");
        }
        bytesOut += data.length;
        return data;
    }

    private byte[] fail(String reason) {
        failure = "snappy: " + reason;
        return null;
    }

    public String failure() {
        return failure;
    }

    public boolean failed() {
        return failure != null;
    }

    public long chunks() {
        return chunks;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }
}
