package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A writer to a peer that does not read blocks, then times out; nothing it queued is lost. */
class BackpressureTest {

    @Test
    @Timeout(90)
    void writerBlocksThenTimesOutAndNothingIsLost() throws Exception {
        // Small windows and buffers keep the pipeline short: 32 segments each way, 4 KiB hand-off buffers.
        SessionOptions o = SessionOptions.builder()
                .connection(Loopback.raw(true).toBuilder().windows(32, 32).build())
                .handoffBufferBytes(4096).writeTimeout(Duration.ofMillis(1500)).readTimeout(Duration.ofSeconds(20))
                .build();
        byte[] data = Loopback.payload(21, 4 << 20); // far more than the pipeline holds
        try (KcpTransport t = KcpTransport.create(2);
             KcpListener l = KcpListener.bind(t, Loopback.ANY_PORT, o)) {
            KcpSession c = KcpSession.dial(t, Loopback.to(l), o);
            int queued = 0;
            SocketTimeoutException timeout = null;
            long start = System.nanoTime();
            while (queued < data.length) {
                int n = Math.min(8192, data.length - queued);
                try {
                    c.write(data, queued, n);
                    queued += n;
                } catch (SocketTimeoutException e) {
                    queued += e.bytesTransferred;
                    timeout = e;
                    break;
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(timeout != null, "the writer never blocked");
            assertTrue(queued < 1 << 20, "queued " + queued + " bytes: the send side is not bounded");
            assertTrue(ms >= 1400, "timed out after " + ms + " ms");
            System.out.printf("backpressure: writer blocked after %d bytes, timed out after %d ms%n", queued, ms);
            // Now the peer reads: it gets exactly the bytes the writer queued, in order.
            KcpSession s = l.accept(Duration.ofSeconds(20));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (got.size() < queued) {
                int n = s.read(buf, 0, buf.length);
                assertTrue(n > 0);
                got.write(buf, 0, n);
            }
            byte[] expected = java.util.Arrays.copyOf(data, queued);
            assertArrayEquals(expected, got.toByteArray());
            // And the writer can go on.
            c.write(data, queued, 1000);
        }
    }
}
