package io.kcplab.transport.perf;

import static io.kcplab.transport.perf.PerfProtocol.DATA;
import static io.kcplab.transport.perf.PerfProtocol.END;
import static io.kcplab.transport.perf.PerfProtocol.HEADER;
import static io.kcplab.transport.perf.PerfProtocol.HELLO;
import static io.kcplab.transport.perf.PerfProtocol.RESULT;
import static io.kcplab.transport.perf.PerfProtocol.WELCOME;

import io.kcplab.transport.KcpSession;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.perf.PerfProtocol.FrameReader;
import io.kcplab.transport.perf.PerfProtocol.FrameWriter;
import io.kcplab.transport.perf.PerfProtocol.Hello;
import io.kcplab.transport.perf.PerfProtocol.Summary;
import io.kcplab.transport.perf.PerfProtocol.Welcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client side of {@code kcplab perf}: dials a {@link PerfServer}, sends HELLO, waits for WELCOME (KCP has no
 * handshake, so this is how a silent or absent server is noticed), moves the pattern stream, and compares both
 * ends' byte counts and SHA-256 (see {@link PerfProtocol} and docs/perf.md).
 */
public final class PerfClient {

    private PerfClient() {
    }

    /**
     * Runs one transfer on a new session of {@code transport}.
     *
     * @param onInterval called on a reporter thread at the end of every interval (may be null)
     * @return the report; {@link PerfReport#ok()} false when counts, hashes or the pattern check disagree
     * @throws PerfException            when the transfer cannot run or finish (no answer, stall, refusal, protocol
     *                                  error); the message is one line for the user
     * @throws IllegalArgumentException when the config does not fit the session options (chunk too large for
     *                                  message mode)
     * @throws IOException              if the socket cannot be opened
     */
    public static PerfReport run(KcpTransport transport, InetSocketAddress server, SessionOptions options,
                                 Config config, Consumer<PerfInterval> onInterval) throws IOException {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(config, "config");
        SessionOptions o = options.toBuilder().readTimeout(config.stallTimeout).writeTimeout(config.stallTimeout)
                .build();
        boolean message = !o.connection().streamMode();
        int chunk = chunkFor(config.chunk, o);
        KcpSession s = KcpSession.dial(transport, server, o);
        try {
            return new Run(s, server, config, chunk, message, onInterval).run();
        } finally {
            s.close();
        }
    }

    /** The DATA payload size for {@code requested} (0: automatic) under {@code o}. */
    static int chunkFor(int requested, SessionOptions o) {
        int max = PerfProtocol.MAX_CHUNK;
        if (!o.connection().streamMode()) {
            max = Math.min(max, o.maxMessageSize() - HEADER);
        }
        if (requested == 0) {
            return Math.min(PerfProtocol.DEFAULT_CHUNK, max);
        }
        if (requested < 1 || requested > max) {
            throw new IllegalArgumentException("length: " + requested + " bytes is out of range; accepted: 1.." + max
                    + (o.connection().streamMode() ? "" : " in message mode with these settings (one frame is one"
                    + " message of at most " + o.maxMessageSize() + " bytes)"));
        }
        return requested;
    }

    private static final class Run {
        private final KcpSession s;
        private final InetSocketAddress server;
        private final Config c;
        private final int chunk;
        private final boolean message;
        private final Consumer<PerfInterval> onInterval;
        private final FrameWriter writer;
        private final FrameReader reader;
        private final AtomicLong progress = new AtomicLong();

        Run(KcpSession s, InetSocketAddress server, Config c, int chunk, boolean message,
            Consumer<PerfInterval> onInterval) {
            this.s = s;
            this.server = server;
            this.c = c;
            this.chunk = chunk;
            this.message = message;
            this.onInterval = onInterval;
            this.writer = new FrameWriter(s, chunk);
            this.reader = new FrameReader(s, chunk);
        }

        PerfReport run() throws IOException {
            long announced = c.announcedSeed != null ? c.announcedSeed : c.seed;
            int kind = c.bytes > 0 ? PerfProtocol.LIMIT_BYTES : PerfProtocol.LIMIT_MILLIS;
            long limit = c.bytes > 0 ? c.bytes : c.duration.toMillis();
            Hello hello = new Hello(PerfProtocol.VERSION, c.reverse, message, kind, limit, announced, chunk);
            writer.control(HELLO, hello.encode());
            Welcome welcome = awaitWelcome();
            PerfDirection direction = c.reverse ? PerfDirection.REVERSE
                    : welcome.echo() ? PerfDirection.ECHO : PerfDirection.FORWARD;
            IntervalReporter reporter = new IntervalReporter(s, progress,
                    c.reportInterval.isZero() ? 0 : c.reportInterval.toNanos(), onInterval);
            long t0 = System.nanoTime();
            reporter.start(t0);
            try {
                return switch (direction) {
                    case FORWARD -> forward(reporter, t0);
                    case REVERSE -> reverse(reporter, t0);
                    case ECHO -> echo(reporter, t0);
                };
            } finally {
                reporter.stop(System.nanoTime());
            }
        }

        private Welcome awaitWelcome() throws IOException {
            String hint = "is `kcplab perf server` running there, with the same --crypt, --key, --wire, FEC and"
                    + " --engine settings?";
            s.setReadDeadline(Instant.now().plus(c.connectTimeout));
            boolean got;
            try {
                got = reader.next();
            } catch (SocketTimeoutException e) {
                throw new PerfException("no answer from " + format(server) + " within "
                        + seconds(c.connectTimeout) + ": " + hint);
            }
            s.setReadDeadline(null);
            if (!got) {
                throw new PerfException("no answer from " + format(server) + " (session closed: " + s.closeReason()
                        + "): " + hint);
            }
            Welcome w = reader.type() == WELCOME ? Welcome.decode(reader.payload(), reader.length()) : null;
            if (w == null) {
                throw new PerfException("protocol error: " + format(server) + " answered HELLO with a malformed "
                        + PerfProtocol.typeName(reader.type()) + " frame; is it a kcplab perf server?");
            }
            switch (w.status()) {
                case PerfProtocol.STATUS_OK -> {
                    return w;
                }
                case PerfProtocol.STATUS_VERSION -> throw new PerfException("the server refused: it speaks perf"
                        + " protocol version " + w.version() + ", this client " + PerfProtocol.VERSION);
                case PerfProtocol.STATUS_FRAMING -> throw new PerfException("the server refused: it runs in "
                        + (message ? "stream" : "message") + " mode and this client in " + (message ? "message"
                        : "stream") + " mode; give both ends the same --stream/--message");
                default -> throw new PerfException("the server refused the request (status " + w.status()
                        + "): limit, seed or --length out of its range");
            }
        }

        /** Sends the stream and END; returns the sender's check. */
        private StreamCheck send(long t0, boolean countProgress) throws IOException {
            StreamCheck sent = new StreamCheck(c.seed);
            long deadline = c.bytes > 0 ? Long.MAX_VALUE : t0 + c.duration.toNanos();
            while (c.bytes > 0 ? sent.bytes() < c.bytes : System.nanoTime() - deadline < 0) {
                int n = c.bytes > 0 ? (int) Math.min(chunk, c.bytes - sent.bytes()) : chunk;
                writer.data(sent, n);
                if (countProgress) {
                    progress.addAndGet(n);
                }
            }
            long elapsed = (System.nanoTime() - t0) / 1000;
            writer.control(END, new Summary(sent.bytes(), sent.digest(), elapsed, -1, PerfProtocol.counters(s))
                    .encode(false));
            return sent;
        }

        private PerfReport forward(IntervalReporter reporter, long t0) throws IOException {
            StreamCheck sent;
            try {
                sent = send(t0, true);
            } catch (SocketTimeoutException e) {
                throw stalled("sending");
            }
            Summary result = expect(RESULT, "RESULT");
            long t1 = System.nanoTime();
            List<PerfInterval> intervals = reporter.stop(t1);
            linger();
            PerfCounters mine = PerfProtocol.counters(s);
            return report(PerfDirection.FORWARD, (t1 - t0) / 1000, sent.bytes(), sent.hex(), result.bytes(),
                    StreamPattern.hex(result.sha256()), result.mismatch(), -1, null, -1, mine, result.counters(),
                    intervals);
        }

        private PerfReport reverse(IntervalReporter reporter, long t0) throws IOException {
            StreamCheck got = new StreamCheck(c.seed);
            Summary end = null;
            try {
                while (end == null) {
                    if (!reader.next()) {
                        throw ended("END");
                    }
                    switch (reader.type()) {
                        case DATA -> {
                            got.received(reader.payload(), 0, reader.length());
                            progress.addAndGet(reader.length());
                        }
                        case END -> end = decode(false);
                        default -> throw unexpected("DATA or END");
                    }
                }
            } catch (SocketTimeoutException e) {
                throw stalled("receiving");
            }
            long t1 = System.nanoTime();
            List<PerfInterval> intervals = reporter.stop(t1);
            PerfCounters mine = PerfProtocol.counters(s);
            writer.control(RESULT, new Summary(got.bytes(), got.digest(), (t1 - t0) / 1000, got.mismatchAt(), mine)
                    .encode(true));
            s.awaitSent(Duration.ofSeconds(3));
            return report(PerfDirection.REVERSE, (t1 - t0) / 1000, end.bytes(), StreamPattern.hex(end.sha256()),
                    got.bytes(), got.hex(), got.mismatchAt(), -1, null, -1, end.counters(), mine, intervals);
        }

        private PerfReport echo(IntervalReporter reporter, long t0) throws IOException {
            StreamCheck back = new StreamCheck(c.seed);
            Summary[] finals = new Summary[2]; // the server's END (echo) and RESULT
            IOException[] failure = new IOException[1];
            Thread readerThread = new Thread(() -> {
                try {
                    while (finals[1] == null) {
                        if (!reader.next()) {
                            throw ended("RESULT");
                        }
                        switch (reader.type()) {
                            case DATA -> {
                                back.received(reader.payload(), 0, reader.length());
                                progress.addAndGet(reader.length());
                            }
                            case END -> finals[0] = decode(false);
                            case RESULT -> finals[1] = decode(true);
                            default -> throw unexpected("DATA, END or RESULT");
                        }
                    }
                } catch (SocketTimeoutException e) {
                    failure[0] = stalled("receiving the echo");
                } catch (IOException e) {
                    failure[0] = e;
                } catch (RuntimeException e) {
                    failure[0] = new PerfException("echo reader failed: " + e, e);
                }
            }, "kcplab-perf-echo-reader");
            readerThread.setDaemon(true);
            readerThread.start();
            StreamCheck sent;
            try {
                sent = send(t0, false);
            } catch (SocketTimeoutException e) {
                throw failure[0] != null ? failure[0] : stalled("sending");
            }
            try {
                readerThread.join(c.stallTimeout.toMillis() * 3 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the echo");
            }
            if (readerThread.isAlive()) {
                s.close();
                throw stalled("receiving the echo");
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            if (finals[0] == null) {
                throw new PerfException("protocol error: the echo server sent RESULT without its END");
            }
            long t1 = System.nanoTime();
            List<PerfInterval> intervals = reporter.stop(t1);
            linger();
            Summary result = finals[1];
            long mismatch = result.mismatch() >= 0 ? result.mismatch() : back.mismatchAt();
            return report(PerfDirection.ECHO, (t1 - t0) / 1000, sent.bytes(), sent.hex(), result.bytes(),
                    StreamPattern.hex(result.sha256()), mismatch, back.bytes(), back.hex(), back.mismatchAt(),
                    PerfProtocol.counters(s), result.counters(), intervals);
        }

        private Summary expect(int type, String name) throws IOException {
            try {
                if (!reader.next()) {
                    throw ended(name);
                }
            } catch (SocketTimeoutException e) {
                throw stalled("waiting for the server's " + name);
            }
            if (reader.type() != type) {
                throw unexpected(name);
            }
            return decode(type == RESULT);
        }

        private Summary decode(boolean result) throws PerfException {
            Summary sm = Summary.decode(reader.payload(), reader.length(), result);
            if (sm == null) {
                throw new PerfException("protocol error: malformed " + (result ? "RESULT" : "END") + " frame ("
                        + reader.length() + " bytes)");
            }
            return sm;
        }

        private PerfException unexpected(String wanted) {
            return new PerfException("protocol error: expected " + wanted + " from the server, got "
                    + PerfProtocol.typeName(reader.type()));
        }

        private PerfException ended(String waitingFor) {
            return new PerfException("the session closed (" + s.closeReason() + ") while waiting for the server's "
                    + waitingFor);
        }

        private PerfException stalled(String what) {
            return new PerfException("transfer stalled: no progress for " + seconds(c.stallTimeout) + " while "
                    + what + " (server gone, or the path drops everything?)");
        }

        /** Lets the acknowledgement of the server's last frame leave before the socket closes. */
        private void linger() {
            long ms = Math.min(100, 2L * s.options().connection().interval());
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private PerfReport report(PerfDirection direction, long micros, long bytes, String senderSha,
                                  long receiverBytes, String receiverSha, long mismatch, long echoBytes,
                                  String echoSha, long echoMismatch, PerfCounters sender, PerfCounters receiver,
                                  List<PerfInterval> intervals) {
            long announced = c.announcedSeed != null ? c.announcedSeed : c.seed;
            String failure = null;
            if (c.bytes > 0 && bytes != c.bytes) {
                failure = "the sender sent " + bytes + " bytes, " + c.bytes + " were asked for";
            } else if (receiverBytes != bytes) {
                failure = "byte counts differ: sent " + bytes + ", received " + receiverBytes;
            } else if (!senderSha.equals(receiverSha)) {
                failure = "SHA-256 differs: sent " + senderSha + ", received " + receiverSha;
            } else if (mismatch >= 0) {
                failure = "the stream differs from the pattern of seed " + announced + " at byte " + mismatch;
            } else if (direction == PerfDirection.ECHO && echoBytes != bytes) {
                failure = "echo byte counts differ: sent " + bytes + ", came back " + echoBytes;
            } else if (direction == PerfDirection.ECHO && !senderSha.equals(echoSha)) {
                failure = "echo SHA-256 differs: sent " + senderSha + ", came back " + echoSha;
            } else if (direction == PerfDirection.ECHO && echoMismatch >= 0) {
                failure = "the echoed stream differs from the pattern at byte " + echoMismatch;
            }
            return new PerfReport("client", direction, format(s.localAddress()), format(server),
                    PerfServer.settings(s.options()), announced, chunk, bytes, micros, PerfReport.mbps(bytes, micros),
                    senderSha, receiverBytes, receiverSha, mismatch, echoBytes, echoSha, sender, receiver,
                    sender.retransmissionRate(), failure == null, failure, intervals);
        }
    }

    static String format(InetSocketAddress a) {
        if (a.getAddress() == null) {
            return a.getHostString() + ":" + a.getPort();
        }
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toMillis() / 1000 + "s" : d.toMillis() + "ms";
    }

    /** What to transfer and how long to wait; build with {@link #bytes} or {@link #time} and the withers. */
    public static final class Config {
        private boolean reverse;
        private long bytes;
        private Duration duration;
        private long seed = 1;
        private int chunk;
        private Duration reportInterval = Duration.ofSeconds(1);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration stallTimeout = Duration.ofSeconds(10);
        private Long announcedSeed;

        private Config() {
        }

        /** Send exactly {@code n} pattern bytes (1 .. 2^50). */
        public static Config bytes(long n) {
            if (n < 1 || n > PerfProtocol.MAX_LIMIT_BYTES) {
                throw new IllegalArgumentException("bytes: " + n + " is out of range; accepted: 1.."
                        + PerfProtocol.MAX_LIMIT_BYTES);
            }
            Config c = new Config();
            c.bytes = n;
            return c;
        }

        /** Send for {@code d} (1 ms .. 24 h). */
        public static Config time(Duration d) {
            Objects.requireNonNull(d, "time");
            if (d.toMillis() < 1 || d.toMillis() > PerfProtocol.MAX_LIMIT_MILLIS) {
                throw new IllegalArgumentException("time: " + d + " is out of range; accepted: 1ms..24h");
            }
            Config c = new Config();
            c.duration = d;
            return c;
        }

        /** The server sends, the client receives. */
        public Config reverse(boolean on) {
            this.reverse = on;
            return this;
        }

        public Config seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** DATA payload size in bytes; 0 (default): 64 KiB, or less in message mode to fit one message. */
        public Config chunk(int bytes) {
            if (bytes < 0 || bytes > PerfProtocol.MAX_CHUNK) {
                throw new IllegalArgumentException("length: " + bytes + " is out of range; accepted: 0 (automatic) or"
                        + " 1.." + PerfProtocol.MAX_CHUNK);
            }
            this.chunk = bytes;
            return this;
        }

        /** How often to report; {@link Duration#ZERO}: no intervals. */
        public Config reportInterval(Duration d) {
            Objects.requireNonNull(d, "reportInterval");
            if (d.isNegative() || (!d.isZero() && d.toMillis() < 10)) {
                throw new IllegalArgumentException("interval: " + d + " is out of range; accepted: 0 (off) or 10ms"
                        + " and more");
            }
            this.reportInterval = d;
            return this;
        }

        /** How long to wait for the server's WELCOME (default 5 s). */
        public Config connectTimeout(Duration d) {
            this.connectTimeout = positive("connectTimeout", d);
            return this;
        }

        /** How long any read or write may wait without progress before the transfer fails (default 10 s). */
        public Config stallTimeout(Duration d) {
            this.stallTimeout = positive("stallTimeout", d);
            return this;
        }

        /** Tests: announce another seed in HELLO than the stream is made of (the receiver must notice). */
        Config announcedSeed(Long seed) {
            this.announcedSeed = seed;
            return this;
        }

        public boolean isReverse() {
            return reverse;
        }

        /** 0 when the transfer is timed. */
        public long bytes() {
            return bytes;
        }

        /** Null when the transfer counts bytes. */
        public Duration duration() {
            return duration;
        }

        public long seed() {
            return seed;
        }

        public int chunk() {
            return chunk;
        }

        public Duration reportInterval() {
            return reportInterval;
        }

        public Duration connectTimeout() {
            return connectTimeout;
        }

        public Duration stallTimeout() {
            return stallTimeout;
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
