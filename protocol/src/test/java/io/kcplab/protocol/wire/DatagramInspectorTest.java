package io.kcplab.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatagramInspectorTest {

    private static final int CONV = 0x5eed_1234;

    /** Every datagram a fresh connection sends for {@code messages} writes of 500 bytes. */
    private static List<byte[]> datagrams(ConnectionConfig config, int messages) {
        List<byte[]> out = new ArrayList<>();
        Connection c = new Connection(CONV, config, (b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len)),
                NonceSource.seeded(7), 0);
        byte[] msg = new byte[500];
        for (int i = 0; i < messages; i++) {
            c.write(msg, 0, msg.length, i);
        }
        return out;
    }

    @Test
    void readsConvAndSnFromEveryProfileAndRejectsForgeries() {
        ConnectionConfig[] configs = {
            ConnectionConfig.builder().build(),                                   // aes + FEC 10/3, CRC32
            ConnectionConfig.builder().checksum(WireProfile.HIGHWAY).cipher("salsa20").build(),
            ConnectionConfig.builder().cipher("none").fec(0, 0).build(),
            ConnectionConfig.builder().cipher(null).fec(0, 0).build(),            // raw KCP, as C ikcp speaks
            ConnectionConfig.builder().cipher(null).build(),                      // FEC without crypto header
        };
        for (ConnectionConfig config : configs) {
            DatagramInspector inspector = DatagramInspector.of(config);
            List<byte[]> sent = datagrams(config, 20);
            int conv = 0;
            int parity = 0;
            int firstSn = -1;
            for (byte[] d : sent) {
                int verdict = inspector.inspect(d, 0, d.length);
                assertTrue(verdict != DatagramInspector.REJECTED, config.describe());
                if (verdict == DatagramInspector.CONV) {
                    assertEquals(CONV, inspector.conv(), config.describe());
                    assertEquals(81, inspector.command(), config.describe());
                    if (firstSn < 0) {
                        firstSn = inspector.sn();
                    }
                    conv++;
                } else {
                    parity++;
                }
            }
            assertEquals(0, firstSn, "the first datagram starts at sn 0: " + config.describe());
            assertEquals(20, conv, config.describe());
            assertEquals(config.fecEnabled() ? 6 : 0, parity, config.describe()); // 20 data shards = 2 groups of 10
        }
    }

    @Test
    void forgedOrDamagedDatagramsAreRejectedWhenAuthenticated() {
        ConnectionConfig config = ConnectionConfig.builder().build();
        DatagramInspector inspector = DatagramInspector.of(config);
        byte[] good = datagrams(config, 1).get(0);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = good.clone();
            bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
            assertEquals(DatagramInspector.REJECTED, inspector.inspect(bad, 0, bad.length));
            byte[] noise = new byte[random.nextInt(1600)];
            random.nextBytes(noise);
            assertEquals(DatagramInspector.REJECTED, inspector.inspect(noise, 0, noise.length));
        }
        assertEquals(DatagramInspector.REJECTED, inspector.inspect(good, 0, 10));
        assertEquals(DatagramInspector.REJECTED, inspector.inspect(good, 5, good.length)); // out of bounds: no throw
        assertEquals(DatagramInspector.REJECTED, inspector.inspect(null, 0, 0));
        assertEquals(DatagramInspector.CONV, inspector.inspect(good, 0, good.length));
    }

    @Test
    void rawListenerRejectsBytesThatAreNotAKcpCommand() {
        DatagramInspector inspector = DatagramInspector.of(ConnectionConfig.builder().cipher(null).fec(0, 0).build());
        byte[] d = new byte[24];
        d[4] = 80;
        assertEquals(DatagramInspector.REJECTED, inspector.inspect(d, 0, d.length));
        d[4] = 85;
        assertEquals(DatagramInspector.REJECTED, inspector.inspect(d, 0, d.length));
        d[4] = 82;
        assertEquals(DatagramInspector.CONV, inspector.inspect(d, 0, d.length));
        assertEquals(DatagramInspector.REJECTED, inspector.inspect(d, 0, 23));
    }
}
