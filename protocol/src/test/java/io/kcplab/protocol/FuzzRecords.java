package io.kcplab.protocol;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The record framing the protocol fuzz targets read from the fuzzer's bytes: {@code [op u8][len u16 LE][len bytes]}
 * repeated (a short last record takes what is left). A plain byte layout rather than {@code FuzzedDataProvider},
 * so that seed files made from real datagrams can be written directly (see {@link #writer()}).
 */
public final class FuzzRecords {

    private final byte[] data;
    private int pos;
    private int op;
    private byte[] body;

    public FuzzRecords(byte[] data, int start) {
        this.data = data;
        this.pos = Math.min(start, data.length);
    }

    /** Advances to the next record; false at the end of the input. */
    public boolean next() {
        if (pos >= data.length) {
            return false;
        }
        op = data[pos++] & 0xFF;
        int len = 0;
        if (pos < data.length) {
            len = data[pos++] & 0xFF;
        }
        if (pos < data.length) {
            len |= (data[pos++] & 0xFF) << 8;
        }
        int end = (int) Math.min((long) pos + len, data.length);
        body = Arrays.copyOfRange(data, pos, end);
        pos = end;
        return true;
    }

    public int op() {
        return op;
    }

    public byte[] body() {
        return body;
    }

    public static Writer writer() {
        return new Writer();
    }

    /** Builds an input in the same layout, for seed files. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Writer prefix(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        public Writer record(int op, byte[] body) {
            return record(op, body, 0, body.length);
        }

        public Writer record(int op, byte[] body, int off, int len) {
            out.write(op);
            out.write(len & 0xFF);
            out.write((len >>> 8) & 0xFF);
            out.write(body, off, len);
            return this;
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
