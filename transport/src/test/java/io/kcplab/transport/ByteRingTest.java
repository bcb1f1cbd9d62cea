package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void growsFromSmallInOrderAndAReaderOfTheOldArraySeesTheSameBytes() {
        Random r = new Random(11);
        ByteRing ring = new ByteRing(64 * 1024);
        ring.put(new byte[10], 0, 10);
        assertEquals(ByteRing.INITIAL, ring.footprint(), "starts small");
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.write(new byte[10], 0, 10);
        for (int i = 0; i < 4000; i++) {
            if (r.nextInt(3) > 0) {
                int n = Math.min(ring.free(), r.nextInt(3000));
                byte[] b = new byte[n];
                r.nextBytes(b);
                // the loop's outside-the-lock read: it holds the array and range from before the write
                byte[] held = ring.backing();
                int at = ring.readIndex();
                int k = ring.contiguousUsed();
                byte[] before = java.util.Arrays.copyOfRange(held, at, at + k);
                ring.put(b, 0, n); // may grow the array
                assertArrayEquals(before, java.util.Arrays.copyOfRange(held, at, at + k), "old array untouched");
                in.write(b, 0, n);
                if (k > 0) {
                    out.write(before, 0, k); // what the loop read, then a relative skip
                    ring.skip(k);
                }
            } else {
                byte[] b = new byte[r.nextInt(5000)];
                out.write(b, 0, ring.take(b, 0, b.length));
            }
            assertTrue(ring.footprint() <= 64 * 1024, "never past the capacity");
        }
        byte[] rest = new byte[ring.used()];
        out.write(rest, 0, ring.take(rest, 0, rest.length));
        assertArrayEquals(in.toByteArray(), out.toByteArray());
    }
}
