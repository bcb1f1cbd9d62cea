package io.kcplab.transport.tunnel;

import io.kcplab.transport.smux.SmuxStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries one TCP connection over one smux stream, as kcptun's handleClient: a copy each way (one on a pool
 * thread, one on the caller's), and when either direction ends both the socket and the stream are closed (smux has
 * no half-close).
 */
final class StreamPump {

    static final int BUFFER = 32768;

    private StreamPump() {
    }

    /** Runs until both copies ended; logs the stream's close with its byte counts unless {@code log} is null. */
    static void run(Socket tcp, SmuxStream stream, Executor pool, TunnelStats stats, String label,
            Consumer<String> log) {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicLong up = new AtomicLong();
        AtomicLong down = new AtomicLong();
        Runnable closeBoth = () -> {
            if (closed.compareAndSet(false, true)) {
                stream.close();
                try {
                    tcp.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        };
        Object done = new Object();
        boolean[] upDone = {false};
        pool.execute(() -> {
            try {
                copy(tcp.getInputStream(), stream.outputStream(), up, stats.bytesToKcp);
            } catch (IOException ignored) {
                // the other side went away
            } finally {
                closeBoth.run();
                synchronized (done) {
                    upDone[0] = true;
                    done.notifyAll();
                }
            }
        });
        try {
            copy(stream.inputStream(), tcp.getOutputStream(), down, stats.bytesFromKcp);
        } catch (IOException ignored) {
            // the other side went away
        } finally {
            closeBoth.run();
        }
        synchronized (done) {
            while (!upDone[0]) {
                try {
                    done.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stats.streamsClosed.incrementAndGet();
        if (log != null) {
            SmuxStream.StreamStats s = stream.stats();
            log.accept("stream closed " + label + " up " + up.get() + " B down " + down.get() + " B (frames in "
                    + s.framesIn() + " out " + s.framesOut() + ", window stalls " + s.windowStalls() + ")");
        }
    }

    private static void copy(InputStream in, OutputStream out, AtomicLong count, AtomicLong total)
            throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            out.flush();
            count.addAndGet(n);
            total.addAndGet(n);
        }
    }
}
