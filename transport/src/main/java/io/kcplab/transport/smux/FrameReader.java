package io.kcplab.transport.smux;

import io.kcplab.transport.smux.DeframingInputStream.CorruptChunkException;
import io.kcplab.transport.smux.SmuxCounters.Field;
import java.io.IOException;
import java.io.InputStream;

/**
 * A session's receive side: the thread ({@code smux-recv-N}) that reads the connection, decodes frames and
 * dispatches each to its stream (SYN to the accept backlog, PSH to the stream's buffer, FIN and UPD to the stream).
 * It stops reading while the receive bucket is empty. Nothing in the peer's bytes makes it throw: an invalid frame
 * or a corrupt chunk ends the session with a reason and is counted.
 */
final class FrameReader {

    private final SmuxSession session;
    private final InputStream source;
    private final FrameDecoder decoder;
    private final SmuxCounters counters;
    private final ReceiveBucket bucket;
    private final Keepalive keepalive;
    private final Thread thread;

    /** {@code source}: the connection's bytes, already deframed when compression is on. */
    FrameReader(SmuxSession session, InputStream source, SmuxCounters counters, ReceiveBucket bucket,
                Keepalive keepalive, String threadName) {
        this.session = session;
        this.source = source;
        this.decoder = new FrameDecoder(session.config().version(), session.config().maxFrameSize());
        this.counters = counters;
        this.bucket = bucket;
        this.keepalive = keepalive;
        this.thread = new Thread(this::readLoop, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits up to {@code millis} for the reader to stop, which it does when the session ends. */
    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void readLoop() {
        byte[] rb = new byte[65536];
        try {
            while (!session.isClosed()) {
                Frame f;
                while ((f = decoder.next()) != null) {
                    dispatch(f);
                    if (session.isClosed()) {
                        return;
                    }
                }
                if (decoder.failed()) {
                    counters.inc(Field.ProtocolErrors);
                    session.end(SmuxCloseReason.PROTOCOL_ERROR, decoder.failure());
                    return;
                }
                bucket.awaitTokens(session);
                if (session.isClosed()) {
                    return;
                }
                int n = source.read(rb, 0, rb.length);
                if (n < 0) {
                    session.end(SmuxCloseReason.CONNECTION_CLOSED, "the connection below reached its end");
                    return;
                }
                decoder.feed(rb, 0, n);
            }
        } catch (CorruptChunkException e) {
            counters.inc(Field.CorruptChunks);
            session.end(SmuxCloseReason.CORRUPT_COMPRESSION, e.getMessage());
        } catch (IOException | RuntimeException e) {
            session.end(SmuxCloseReason.CONNECTION_ERROR, "read: " + e);
        }
    }

    private void dispatch(Frame f) {
        keepalive.frameArrived();
        counters.inc(Field.FramesIn);
        int sid = f.sid();
        switch (f.cmd()) {
            case Frame.NOP -> counters.inc(Field.NopIn);
            case Frame.SYN -> {
                counters.inc(Field.SynIn);
                session.peerOpened(sid);
            }
            case Frame.FIN -> {
                counters.inc(Field.FinIn);
                SmuxStream s = session.stream(sid);
                if (s == null) {
                    counters.inc(Field.UnknownStreamFrames);
                } else {
                    s.remoteFin();
                }
            }
            case Frame.PSH -> {
                counters.inc(Field.PshIn);
                int len = f.data().length;
                if (len == 0) {
                    return;
                }
                SmuxStream s = session.stream(sid);
                if (s == null || !s.push(f.data())) {
                    counters.inc(Field.UnknownStreamFrames);
                    counters.add(Field.DiscardedBytes, len);
                    return;
                }
                counters.add(Field.BytesIn, len);
                bucket.take(len);
            }
            case Frame.UPD -> {
                counters.inc(Field.UpdIn);
                SmuxStream s = session.stream(sid);
                if (s == null) {
                    counters.inc(Field.UnknownStreamFrames);
                } else {
                    s.update(f.consumed(), f.window());
                }
            }
            default -> { }
        }
    }
}
