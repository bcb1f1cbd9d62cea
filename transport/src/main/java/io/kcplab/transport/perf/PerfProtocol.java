package io.kcplab.transport.perf;

import io.kcplab.transport.KcpSession;
import io.kcplab.transport.SnmpCounters;
import io.kcplab.transport.SnmpField;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The control exchange of {@code kcplab perf} (documented in docs/perf.md). The session carries a sequence of
 * frames, each {@code [type u8][length u24][payload]}, integers big-endian. In message mode each frame is one
 * message; in stream mode frames follow each other in the byte stream. Readers treat both as a byte stream.
 *
 * <pre>
 * HELLO   (client -> server, first frame, 32 bytes): magic "KLPF", version 1, direction (0 forward, 1 reverse),
 *         flags (bit 0: message mode), limit kind (0 bytes, 1 milliseconds), limit u64, seed u64,
 *         chunk u32 (DATA payload size), reserved u32
 * WELCOME (server -> client, 8 bytes): magic, version, status (0 ok, 1 version, 2 framing, 3 request),
 *         server mode (0 sink, 1 echo), reserved u8
 * DATA    the next bytes of the pattern stream (1..chunk bytes)
 * END     (data sender, after its last DATA, 88 bytes): bytes u64, SHA-256 [32], elapsed us u64, counters 5 x u64
 * RESULT  (data receiver, 96 bytes): bytes u64, SHA-256 [32], elapsed us u64, first mismatch i64 (-1: none),
 *         counters 5 x u64
 * counters: OutSegs, RetransSegs, FastRetransSegs, LostSegs, FECRecovered of the end that sends the frame
 * </pre>
 */
final class PerfProtocol {

    static final int MAGIC = 0x4B4C5046; // "KLPF"
    static final int VERSION = 1;

    static final int HELLO = 1;
    static final int WELCOME = 2;
    static final int DATA = 3;
    static final int END = 4;
    static final int RESULT = 5;

    static final int HEADER = 4;
    static final int HELLO_SIZE = 32;
    static final int WELCOME_SIZE = 8;
    static final int END_SIZE = 88;
    static final int RESULT_SIZE = 96;

    static final int STATUS_OK = 0;
    static final int STATUS_VERSION = 1;
    static final int STATUS_FRAMING = 2;
    static final int STATUS_REQUEST = 3;

    static final int LIMIT_BYTES = 0;
    static final int LIMIT_MILLIS = 1;

    /** Largest DATA payload a peer may announce. */
    static final int MAX_CHUNK = 1 << 20;
    /** Default DATA payload size. */
    static final int DEFAULT_CHUNK = 64 << 10;
    /** Longest transfer a server accepts by bytes (1 PiB) and by time (24 h). */
    static final long MAX_LIMIT_BYTES = 1L << 50;
    static final long MAX_LIMIT_MILLIS = 24L * 3600 * 1000;

    private PerfProtocol() {
    }

    static String typeName(int type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case WELCOME -> "WELCOME";
            case DATA -> "DATA";
            case END -> "END";
            case RESULT -> "RESULT";
            default -> "unknown frame type " + type;
        };
    }

    /** The client's request. */
    record Hello(int version, boolean reverse, boolean messageMode, int limitKind, long limit, long seed, int chunk) {

        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(HELLO_SIZE);
            b.putInt(MAGIC).put((byte) version).put((byte) (reverse ? 1 : 0)).put((byte) (messageMode ? 1 : 0))
                    .put((byte) limitKind).putLong(limit).putLong(seed).putInt(chunk).putInt(0);
            return b.array();
        }

        /** Null when the payload is not a perf HELLO (wrong size or magic). */
        static Hello decode(byte[] p, int len) {
            if (len != HELLO_SIZE) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(p, 0, len);
            if (b.getInt() != MAGIC) {
                return null;
            }
            int version = b.get() & 0xff;
            boolean reverse = b.get() != 0;
            boolean message = (b.get() & 1) != 0;
            int kind = b.get() & 0xff;
            long limit = b.getLong();
            long seed = b.getLong();
            int chunk = b.getInt();
            return new Hello(version, reverse, message, kind, limit, seed, chunk);
        }
    }

    /** The server's answer to HELLO. */
    record Welcome(int version, int status, boolean echo) {

        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(WELCOME_SIZE);
            b.putInt(MAGIC).put((byte) version).put((byte) status).put((byte) (echo ? 1 : 0)).put((byte) 0);
            return b.array();
        }

        static Welcome decode(byte[] p, int len) {
            if (len != WELCOME_SIZE) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(p, 0, len);
            if (b.getInt() != MAGIC) {
                return null;
            }
            return new Welcome(b.get() & 0xff, b.get() & 0xff, b.get() != 0);
        }
    }

    /** END (mismatch unused, -1) or RESULT. */
    record Summary(long bytes, byte[] sha256, long elapsedMicros, long mismatch, PerfCounters counters) {

        byte[] encode(boolean result) {
            ByteBuffer b = ByteBuffer.allocate(result ? RESULT_SIZE : END_SIZE);
            b.putLong(bytes).put(sha256).putLong(elapsedMicros);
            if (result) {
                b.putLong(mismatch);
            }
            b.putLong(counters.segmentsSent()).putLong(counters.retransmissions())
                    .putLong(counters.fastRetransmissions()).putLong(counters.lostSegments())
                    .putLong(counters.fecRecovered());
            return b.array();
        }

        static Summary decode(byte[] p, int len, boolean result) {
            if (len != (result ? RESULT_SIZE : END_SIZE)) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(p, 0, len);
            long bytes = b.getLong();
            byte[] sha = new byte[32];
            b.get(sha);
            long elapsed = b.getLong();
            long mismatch = result ? b.getLong() : -1;
            PerfCounters c = new PerfCounters(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
            return new Summary(bytes, sha, elapsed, mismatch, c);
        }
    }

    static PerfCounters counters(KcpSession s) {
        SnmpCounters c = s.counters();
        return new PerfCounters(c.get(SnmpField.OUT_SEGS), c.get(SnmpField.RETRANS_SEGS),
                c.get(SnmpField.FAST_RETRANS_SEGS), c.get(SnmpField.LOST_SEGS), c.get(SnmpField.FEC_RECOVERED));
    }

    /** Writes frames to a session: one write (one message in message mode) per frame. */
    static final class FrameWriter {
        private final KcpSession session;
        private final byte[] buf;

        FrameWriter(KcpSession session, int maxPayload) {
            this.session = session;
            this.buf = new byte[HEADER + Math.max(maxPayload, RESULT_SIZE)];
        }

        void control(int type, byte[] payload) throws IOException {
            System.arraycopy(payload, 0, buf, HEADER, payload.length);
            send(type, payload.length);
        }

        /** Sends the next {@code len} bytes of the sender's stream as one DATA frame. */
        void data(StreamCheck stream, int len) throws IOException {
            stream.generate(buf, HEADER, len);
            send(DATA, len);
        }

        /** Sends {@code payload[0, len)} as one DATA frame (echo). */
        void data(byte[] payload, int off, int len) throws IOException {
            System.arraycopy(payload, off, buf, HEADER, len);
            send(DATA, len);
        }

        private void send(int type, int len) throws IOException {
            buf[0] = (byte) type;
            buf[1] = (byte) (len >>> 16);
            buf[2] = (byte) (len >>> 8);
            buf[3] = (byte) len;
            session.write(buf, 0, HEADER + len);
        }
    }

    /** Reads frames from a session, stream or message mode alike. */
    static final class FrameReader {
        private final KcpSession session;
        private final byte[] staging;
        private int pos;
        private int lim;
        private final byte[] payload;
        private final byte[] header = new byte[HEADER];
        private int type;
        private int length;
        private long bytesRead;

        FrameReader(KcpSession session, int maxPayload) {
            this.session = session;
            int stage = session.isStreamMode() ? 64 << 10 : Math.max(session.options().maxMessageSize(), 4096);
            this.staging = new byte[stage];
            this.payload = new byte[Math.max(maxPayload, RESULT_SIZE)];
        }

        /**
         * Reads the next whole frame; {@link #type()}, {@link #length()} and {@link #payload()} describe it.
         *
         * @return false at the end of the session (it closed, not locally, and everything was read)
         * @throws PerfException if a frame is longer than this reader accepts
         */
        boolean next() throws IOException {
            byte[] h = header;
            if (!readFully(h, HEADER, true)) {
                return false;
            }
            type = h[0] & 0xff;
            length = ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            if (length > payload.length) {
                throw new PerfException("protocol error: " + typeName(type) + " frame of " + length
                        + " bytes is longer than the " + payload.length + " accepted");
            }
            if (!readFully(payload, length, false)) {
                throw new PerfException("the session ended in the middle of a " + typeName(type) + " frame ("
                        + closeReason() + ")");
            }
            return true;
        }

        int type() {
            return type;
        }

        /** Bytes read from the session so far. */
        long bytesRead() {
            return bytesRead;
        }

        int length() {
            return length;
        }

        byte[] payload() {
            return payload;
        }

        private String closeReason() {
            return session.closeReason() == null ? "closed" : "session closed: " + session.closeReason();
        }

        /** False only at a clean end before the first byte (when {@code atFrameStart}). */
        private boolean readFully(byte[] dst, int len, boolean atFrameStart) throws IOException {
            int done = 0;
            while (done < len) {
                if (pos == lim) {
                    int n;
                    try {
                        n = session.read(staging, 0, staging.length);
                    } catch (IllegalArgumentException e) {
                        throw new PerfException("a message longer than the " + staging.length + " bytes these settings"
                                + " allow arrived; give both ends the same --mtu, FEC and --crypt settings", e);
                    }
                    if (n < 0) {
                        if (done == 0 && atFrameStart) {
                            return false;
                        }
                        throw new PerfException("the session ended in the middle of a frame (" + closeReason() + ")");
                    }
                    pos = 0;
                    lim = n;
                    bytesRead += n;
                    continue;
                }
                int n = Math.min(len - done, lim - pos);
                System.arraycopy(staging, pos, dst, done, n);
                pos += n;
                done += n;
            }
            return true;
        }
    }
}
