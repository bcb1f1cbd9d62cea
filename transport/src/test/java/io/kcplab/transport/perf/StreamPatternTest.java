package io.kcplab.transport.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pattern stream does not depend on how it is cut, and the checker finds the first differing byte. */
class StreamPatternTest {

    @Test
    void sameBytesWhateverTheCuts() {
        byte[] whole = new byte[100_003];
        new StreamPattern(7).fill(whole, 0, whole.length);
        byte[] pieces = new byte[whole.length];
        StreamPattern p = new StreamPattern(7);
        Random r = new Random(1);
        int off = 0;
        while (off < pieces.length) {
            int n = Math.min(pieces.length - off, r.nextInt(37));
            p.fill(pieces, off, n);
            off += n;
        }
        assertArrayEquals(whole, pieces);
        for (int i = 0; i < 50; i++) {
            int pos = r.nextInt(whole.length);
            assertEquals(whole[pos], StreamPattern.byteAt(7, pos));
        }
        byte[] other = new byte[64];
        new StreamPattern(8).fill(other, 0, other.length);
        assertNotEquals(whole[0] + whole[1] * 256L, other[0] + other[1] * 256L);
    }

    @Test
    void verifyFindsTheFirstMismatch() {
        byte[] data = new byte[200_000];
        new StreamPattern(3).fill(data, 0, data.length);
        StreamPattern check = new StreamPattern(3);
        assertEquals(-1, check.verify(data, 0, 1000));
        data[150_001] ^= 1;
        data[180_000] ^= 1;
        assertEquals(150_001, check.verify(data, 1000, data.length - 1000));
        assertEquals(data.length, check.position());
    }

    @Test
    void sha256MatchesTheFilledBytes() throws Exception {
        byte[] data = new byte[70_001];
        new StreamPattern(11).fill(data, 0, data.length);
        String expected = StreamPattern.hex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(expected, StreamPattern.sha256(11, data.length));
    }
}
