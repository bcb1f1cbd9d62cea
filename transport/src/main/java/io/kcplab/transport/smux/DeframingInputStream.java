package io.kcplab.transport.smux;

import java.io.IOException;
import java.io.InputStream;

/** Reads the uncompressed bytes of a snappy framed stream: what the session's reader decodes frames from. */
final class DeframingInputStream extends InputStream {
    private final InputStream in;
    private final SnappyDeframer deframer;
    private final byte[] raw = new byte[65536];
    private byte[] chunk;
    private int pos;

    DeframingInputStream(InputStream in, SnappyDeframer deframer) {
        this.in = in;
        this.deframer = deframer;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (chunk == null || pos == chunk.length) {
            chunk = deframer.next();
            pos = 0;
            if (chunk != null) {
                continue;
            }
            if (deframer.failed()) {
                throw new CorruptChunkException(deframer.failure());
            }
            int n = in.read(raw, 0, raw.length);
            if (n < 0) {
                return -1;
            }
            deframer.feed(raw, 0, n);
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    /** A corrupt snappy chunk: the session ends with {@link SmuxCloseReason#CORRUPT_COMPRESSION}. */
    static final class CorruptChunkException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptChunkException(String message) {
            super(message);
        }
    }
}
