package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.NonceSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stream-mode write larger than one send call's fragment limit (kcp-go 255 segments, ikcp 127) once the peer has
 * advertised a wide window: the connection takes what one call may carry and the caller writes the rest, instead
 * of the engine refusing the whole call (a 1 MiB transport hand-off buffer once killed sessions this way).
 */
class ConnectionLargeWriteTest {

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void aWriteBeyondTheFragmentLimitIsTakenInParts(KcpProfile engine) {
        ConnectionConfig config = ConnectionConfig.builder().engine(engine).cipher(null).fec(0, 0)
                .windows(4096, 4096).build();
        List<byte[]> toB = new ArrayList<>();
        List<byte[]> toA = new ArrayList<>();
        Connection a = new Connection(1, config, (b, o, l) -> toB.add(Arrays.copyOfRange(b, o, o + l)),
                NonceSource.seeded(1), 0);
        Connection b = new Connection(1, config, (x, o, l) -> toA.add(Arrays.copyOfRange(x, o, o + l)),
                NonceSource.seeded(2), 0);
        int mss = a.kcp().mss();
        byte[] big = new byte[2000 * mss];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        byte[] got = new byte[big.length];
        int sent = 0;
        int read = 0;
        int largest = 0;
        for (int t = 1; t < 60_000 && read < big.length; t += 10) {
            int n = a.write(big, sent, big.length - sent, t); // often far more than one call may carry
            largest = Math.max(largest, n);
            sent += n;
            for (byte[] d : List.copyOf(toB)) {
                b.receive(d, 0, d.length, t);
            }
            toB.clear();
            for (byte[] d : List.copyOf(toA)) {
                a.receive(d, 0, d.length, t);
            }
            toA.clear();
            a.tick(t);
            b.tick(t);
            read += b.read(got, read, got.length - read);
        }
        assertTrue(largest >= 100 * mss, "writes of a hundred segments and more: " + largest / mss);
        assertArrayEquals(big, got);
    }
}
