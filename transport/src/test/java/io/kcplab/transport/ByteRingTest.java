package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-off ring keeps bytes in order across wrap-around, growth and release. */
class ByteRingTest {

    @Test
    void bytesComeOutInOrder() {
        Random r = new Random(7);
        ByteRing ring = new ByteRing(1000);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            if (r.nextBoolean()) {
                int n = r.nextInt(ring.free() + 1);
                byte[] b = new byte[n];
                r.nextBytes(b);
                ring.put(b, 0, n);
                in.write(b, 0, n);
            } else if (r.nextBoolean()) {
                byte[] b = new byte[r.nextInt(700)];
                int n = ring.take(b, 0, b.length);
                out.write(b, 0, n);
            } else {
                int at = ring.writeIndex(); // the loop's zero-copy path
                int n = r.nextInt(ring.contiguousFree() + 1);
                for (int k = 0; k < n; k++) {
                    ring.backing()[at + k] = (byte) r.nextInt();
                }
                in.write(ring.backing(), at, n);
                ring.commit(n);
            }
            ring.releaseWhenEmpty();
        }
        byte[] rest = new byte[ring.used()];
        ring.take(rest, 0, rest.length);
        out.write(rest, 0, rest.length);
        assertArrayEquals(in.toByteArray(), out.toByteArray());
    }

    @Test
    void growsForOneLargeMessageThenShrinks() {
        ByteRing ring = new ByteRing(64);
        ring.reserveWhenEmpty(500);
        ring.putInt(496);
        ring.put(new byte[496], 0, 496);
        assertEquals(500, ring.used());
        assertEquals(496, ring.peekInt());
        ring.skip(500);
        ring.trimWhenEmpty();
        assertEquals(0, ring.footprint());
    }
}
