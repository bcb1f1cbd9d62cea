package io.kcplab.transport.perf;

import static io.kcplab.transport.perf.PerfProtocol.DATA;
import static io.kcplab.transport.perf.PerfProtocol.END;
import static io.kcplab.transport.perf.PerfProtocol.HEADER;
import static io.kcplab.transport.perf.PerfProtocol.HELLO;
import static io.kcplab.transport.perf.PerfProtocol.RESULT;
import static io.kcplab.transport.perf.PerfProtocol.WELCOME;

import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.perf.PerfProtocol.FrameReader;
import io.kcplab.transport.perf.PerfProtocol.FrameWriter;
import io.kcplab.transport.perf.PerfProtocol.Hello;
import io.kcplab.transport.perf.PerfProtocol.Summary;
import io.kcplab.transport.perf.PerfProtocol.Welcome;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The server side of {@code kcplab perf}: accepts sessions on a {@link KcpListener} and serves each on its own
 * thread (at most {@link Config#maxConcurrent} at once): a forward transfer is counted, hashed and checked against
 * the pattern of the announced seed (and, with {@code echo}, returned byte for byte); a reverse transfer is
 * generated and sent. Each served session ends with a {@link PerfReport} handed to the callback.
 */
public final class PerfServer implements Closeable {

    private final KcpListener listener;
    private final Config config;
    private final Consumer<PerfReport> onReport;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean closed;

    private PerfServer(KcpListener listener, Config config, Consumer<PerfReport> onReport) {
        this.listener = listener;
        this.config = config;
        this.onReport = onReport;
        this.workers = new ThreadPoolExecutor(0, config.maxConcurrent, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "kcplab-perf-server-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::acceptLoop, "kcplab-perf-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds {@code listen} and starts serving.
     *
     * @param onReport called on a worker thread after each served session (one that sent a valid HELLO)
     * @throws java.net.BindException if the address is in use
     */
    public static PerfServer start(KcpTransport transport, InetSocketAddress listen, SessionOptions options,
                                   Config config, Consumer<PerfReport> onReport) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(onReport, "onReport");
        SessionOptions o = Objects.requireNonNull(options, "options").toBuilder()
                .readTimeout(config.stallTimeout).writeTimeout(config.stallTimeout).build();
        KcpListener l = KcpListener.bind(transport, listen, o);
        PerfServer server = new PerfServer(l, config, onReport);
        server.acceptor.start();
        return server;
    }

    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    public Config config() {
        return config;
    }

    /** Stops accepting and closes every session. Idempotent. */
    @Override
    public void close() {
        closed = true;
        listener.close();
        workers.shutdownNow();
        try {
            acceptor.join(2000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            KcpSession s;
            try {
                s = listener.accept(Duration.ofMillis(500));
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // the listener closed
            }
            try {
                workers.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                notice("refused a session from " + PerfClient.format(s.remoteAddress()) + ": already serving "
                        + config.maxConcurrent);
                s.close();
            }
        }
    }

    private void serve(KcpSession s) {
        PerfReport report;
        try {
            report = new Served(s).run();
        } catch (RuntimeException e) {
            notice("internal error serving " + PerfClient.format(s.remoteAddress()) + ": " + e);
            report = null;
        } finally {
            s.close();
        }
        if (report != null && !closed) {
            onReport.accept(report);
        }
    }

    private void notice(String text) {
        Consumer<String> n = config.notices;
        if (n != null) {
            n.accept(text);
        }
    }

    /** {@code ConnectionConfig.describe()} and the wire framing. */
    static String settings(SessionOptions o) {
        return PerfText.settings(o);
    }

    /** One served session. */
    private final class Served {
        private final KcpSession s;
        private final FrameReader reader;
        private Hello hello;
        private PerfDirection direction = PerfDirection.FORWARD;
        private long t0;

        Served(KcpSession s) {
            this.s = s;
            this.reader = new FrameReader(s, PerfProtocol.MAX_CHUNK);
        }

        /** Null for a session that never sent a valid HELLO. */
        PerfReport run() {
            String from = PerfClient.format(s.remoteAddress());
            try {
                s.setReadDeadline(Instant.now().plus(config.helloTimeout));
                boolean got;
                try {
                    got = reader.next();
                } catch (SocketTimeoutException e) {
                    // Sessions that carried no byte at all are left-overs (the last ACKs of a finished client
                    // open a new conversation: KCP has no handshake); close them quietly.
                    if (reader.bytesRead() > 0) {
                        notice("session from " + from + " sent no complete HELLO within "
                                + PerfClient.seconds(config.helloTimeout) + "; closed");
                    }
                    return null;
                }
                s.setReadDeadline(null);
                hello = got && reader.type() == HELLO ? Hello.decode(reader.payload(), reader.length()) : null;
                if (hello == null) {
                    if (reader.bytesRead() > 0 && !closed) {
                        notice("session from " + from + " did not start with a perf HELLO; closed");
                    }
                    return null;
                }
            } catch (IOException e) {
                if (!closed) {
                    notice("session from " + from + " failed before HELLO: " + e.getMessage());
                }
                return null;
            }
            t0 = System.nanoTime();
            try {
                return transfer();
            } catch (SocketTimeoutException e) {
                return failed("transfer stalled: no progress for " + PerfClient.seconds(config.stallTimeout));
            } catch (IOException e) {
                return failed(e.getMessage());
            }
        }

        private PerfReport transfer() throws IOException {
            boolean message = !s.isStreamMode();
            int status = PerfProtocol.STATUS_OK;
            String refusal = null;
            int maxChunk = message ? Math.min(PerfProtocol.MAX_CHUNK, s.options().maxMessageSize() - HEADER)
                    : PerfProtocol.MAX_CHUNK;
            if (hello.version() != PerfProtocol.VERSION) {
                status = PerfProtocol.STATUS_VERSION;
                refusal = "client speaks perf protocol version " + hello.version() + ", this server "
                        + PerfProtocol.VERSION;
            } else if (hello.messageMode() != message) {
                status = PerfProtocol.STATUS_FRAMING;
                refusal = "client runs in " + (hello.messageMode() ? "message" : "stream") + " mode, this server in "
                        + (message ? "message" : "stream") + " mode";
            } else if (hello.chunk() < 1 || hello.chunk() > maxChunk
                    || !(hello.limitKind() == PerfProtocol.LIMIT_BYTES && hello.limit() >= 1
                    && hello.limit() <= PerfProtocol.MAX_LIMIT_BYTES
                    || hello.limitKind() == PerfProtocol.LIMIT_MILLIS && hello.limit() >= 1
                    && hello.limit() <= PerfProtocol.MAX_LIMIT_MILLIS)) {
                status = PerfProtocol.STATUS_REQUEST;
                refusal = "request out of range: chunk " + hello.chunk() + " (accepted 1.." + maxChunk + "), limit "
                        + hello.limit() + (hello.limitKind() == PerfProtocol.LIMIT_BYTES ? " bytes" : " ms");
            }
            boolean echo = config.echo && !hello.reverse();
            direction = hello.reverse() ? PerfDirection.REVERSE : echo ? PerfDirection.ECHO : PerfDirection.FORWARD;
            FrameWriter writer = new FrameWriter(s, Math.max(1, Math.min(hello.chunk(), maxChunk)));
            writer.control(WELCOME, new Welcome(PerfProtocol.VERSION, status, echo).encode());
            if (refusal != null) {
                s.awaitSent(Duration.ofSeconds(2));
                return failed("refused: " + refusal);
            }
            return hello.reverse() ? reverse(writer) : forward(writer, echo);
        }

        private PerfReport forward(FrameWriter writer, boolean echo) throws IOException {
            StreamCheck got = new StreamCheck(hello.seed());
            Summary end = null;
            while (end == null) {
                if (!reader.next()) {
                    return failed("the session closed (" + s.closeReason() + ") before the client's END, after "
                            + got.bytes() + " bytes");
                }
                switch (reader.type()) {
                    case DATA -> {
                        if (reader.length() > hello.chunk()) {
                            return failed("protocol error: DATA frame of " + reader.length() + " bytes, chunk "
                                    + hello.chunk());
                        }
                        got.received(reader.payload(), 0, reader.length());
                        if (echo) {
                            writer.data(reader.payload(), 0, reader.length());
                        }
                    }
                    case END -> {
                        end = Summary.decode(reader.payload(), reader.length(), false);
                        if (end == null) {
                            return failed("protocol error: malformed END frame");
                        }
                    }
                    default -> {
                        return failed("protocol error: expected DATA or END, got "
                                + PerfProtocol.typeName(reader.type()));
                    }
                }
            }
            long micros = (System.nanoTime() - t0) / 1000;
            PerfCounters mine = PerfProtocol.counters(s);
            if (echo) {
                writer.control(END, new Summary(got.bytes(), got.digest(), micros, -1, mine).encode(false));
            }
            writer.control(RESULT, new Summary(got.bytes(), got.digest(), micros, got.mismatchAt(), mine)
                    .encode(true));
            s.awaitSent(Duration.ofSeconds(3));
            return report(micros, end.bytes(), StreamPattern.hex(end.sha256()), got.bytes(), got.hex(),
                    got.mismatchAt(), end.counters(), PerfProtocol.counters(s), null);
        }

        private PerfReport reverse(FrameWriter writer) throws IOException {
            StreamCheck sent = new StreamCheck(hello.seed());
            int chunk = hello.chunk();
            boolean byBytes = hello.limitKind() == PerfProtocol.LIMIT_BYTES;
            long deadline = t0 + hello.limit() * 1_000_000L;
            while (byBytes ? sent.bytes() < hello.limit() : System.nanoTime() - deadline < 0) {
                int n = byBytes ? (int) Math.min(chunk, hello.limit() - sent.bytes()) : chunk;
                writer.data(sent, n);
            }
            // Let the window drain first, so that END carries final retransmission counts.
            s.awaitSent(config.stallTimeout);
            long micros = (System.nanoTime() - t0) / 1000;
            PerfCounters mine = PerfProtocol.counters(s);
            writer.control(END, new Summary(sent.bytes(), sent.digest(), micros, -1, mine).encode(false));
            if (!reader.next()) {
                return failed("the session closed (" + s.closeReason() + ") before the client's RESULT");
            }
            Summary result = reader.type() == RESULT ? Summary.decode(reader.payload(), reader.length(), true) : null;
            if (result == null) {
                return failed("protocol error: expected RESULT, got " + PerfProtocol.typeName(reader.type()));
            }
            micros = (System.nanoTime() - t0) / 1000;
            return report(micros, sent.bytes(), sent.hex(), result.bytes(), StreamPattern.hex(result.sha256()),
                    result.mismatch(), PerfProtocol.counters(s), result.counters(), null);
        }

        private PerfReport failed(String why) {
            PerfCounters mine = PerfProtocol.counters(s);
            return report((System.nanoTime() - t0) / 1000, 0, null, 0, null, -1, mine, mine, why);
        }

        private PerfReport report(long micros, long bytes, String senderSha, long receiverBytes, String receiverSha,
                                  long mismatch, PerfCounters sender, PerfCounters receiver, String failure) {
            if (failure == null) {
                if (receiverBytes != bytes) {
                    failure = "byte counts differ: client sent " + bytes + ", received " + receiverBytes;
                } else if (!Objects.equals(senderSha, receiverSha)) {
                    failure = "SHA-256 differs: sent " + senderSha + ", received " + receiverSha;
                } else if (mismatch >= 0) {
                    failure = "the stream differs from the pattern of seed " + hello.seed() + " at byte " + mismatch;
                }
            }
            return new PerfReport("server", direction, PerfClient.format(s.localAddress()),
                    PerfClient.format(s.remoteAddress()), settings(s.options()), hello == null ? 0 : hello.seed(),
                    hello == null ? 0 : hello.chunk(), bytes, micros, PerfReport.mbps(bytes, micros), senderSha,
                    receiverBytes, receiverSha, mismatch, -1, null, sender, receiver, sender.retransmissionRate(),
                    failure == null, failure, List.of());
        }
    }

    /** Server behaviour and bounds. */
    public static final class Config {
        private boolean echo;
        private Duration helloTimeout = Duration.ofSeconds(10);
        private Duration stallTimeout = Duration.ofSeconds(10);
        private int maxConcurrent = 16;
        private Consumer<String> notices;

        public Config() {
        }

        /** Return every byte of a forward transfer to the client. */
        public Config echo(boolean on) {
            this.echo = on;
            return this;
        }

        /** How long a new session may take to send HELLO before it is closed (default 10 s). */
        public Config helloTimeout(Duration d) {
            this.helloTimeout = positive("helloTimeout", d);
            return this;
        }

        /** How long a read or write may wait without progress before the session fails (default 10 s). */
        public Config stallTimeout(Duration d) {
            this.stallTimeout = positive("stallTimeout", d);
            return this;
        }

        /** Sessions served at once (1..1024, default 16); more are closed at once. */
        public Config maxConcurrent(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("maxConcurrent: " + n + " is out of range; accepted: 1..1024");
            }
            this.maxConcurrent = n;
            return this;
        }

        /** One-line notes about sessions that were not served (no HELLO, refused); null: none. */
        public Config notices(Consumer<String> sink) {
            this.notices = sink;
            return this;
        }

        public boolean echo() {
            return echo;
        }

        private static Duration positive(String field, Duration d) {
            Objects.requireNonNull(d, field);
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException(field + ": " + d + " is out of range; accepted: 1ms or more");
            }
            return d;
        }
    }
}
