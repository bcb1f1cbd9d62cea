package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk XOR (Vector API when loaded) and its scalar fallback agree with a byte-by-byte XOR; overlap moves. */
class PacketBytesTest {

    @Test
    void bulkAndScalarXorAgreeWithNaiveAtAllLengthsAndOffsets() {
        SplittableRandom random = new SplittableRandom(3);
        for (int len = 0; len <= 300; len++) {
            int aOff = random.nextInt(0, 9);
            int bOff = random.nextInt(0, 9);
            int dOff = random.nextInt(0, 9);
            byte[] a = new byte[len + 9];
            byte[] b = new byte[len + 9];
            random.nextBytes(a);
            random.nextBytes(b);
            byte[] expected = new byte[len + 9];
            for (int i = 0; i < len; i++) {
                expected[dOff + i] = (byte) (a[aOff + i] ^ b[bOff + i]);
            }
            byte[] bulk = new byte[len + 9];
            byte[] scalar = new byte[len + 9];
            byte[] block = new byte[len + 9];
            PacketBytes.xor(a, aOff, b, bOff, bulk, dOff, len);
            PacketBytes.xorScalar(a, aOff, b, bOff, scalar, dOff, len);
            PacketBytes.xorBlock(a, aOff, b, bOff, block, dOff, len);
            assertArrayEquals(expected, bulk, "bulk, len " + len);
            assertArrayEquals(expected, scalar, "scalar, len " + len);
            assertArrayEquals(expected, block, "block, len " + len);
            byte[] inPlace = a.clone();
            PacketBytes.xor(inPlace, aOff, b, bOff, inPlace, aOff, len);
            for (int i = 0; i < len; i++) {
                assertEquals((byte) (a[aOff + i] ^ b[bOff + i]), inPlace[aOff + i]);
            }
        }
    }

    @Test
    void onlyPartialOverlapIsMoved() {
        byte[] buf = new byte[64];
        byte[] other = new byte[64];
        assertTrue(!PacketBytes.moveIfOverlapping(buf, 0, buf, 0, 32), "same place needs no move");
        assertTrue(!PacketBytes.moveIfOverlapping(buf, 0, other, 0, 32), "different arrays need no move");
        assertTrue(!PacketBytes.moveIfOverlapping(buf, 0, buf, 32, 32), "adjacent ranges need no move");
        for (int i = 0; i < 64; i++) {
            buf[i] = (byte) i;
        }
        assertTrue(PacketBytes.moveIfOverlapping(buf, 10, buf, 20, 30));
        for (int i = 0; i < 30; i++) {
            assertEquals((byte) (10 + i), buf[20 + i]);
        }
    }
}
