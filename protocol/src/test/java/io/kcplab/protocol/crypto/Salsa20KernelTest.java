package io.kcplab.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API salsa20 kernel and the scalar rounds give the same bytes; the build runs with the module. */
class Salsa20KernelTest {

    @Test
    void vectorAndScalarPathsAgreeAtEveryLength() {
        byte[] key = KeyDerivation.kcptun("salsa");
        Salsa20Crypt scalar = new Salsa20Crypt(key, false);
        Salsa20Crypt preferred = new Salsa20Crypt(key, true);
        assertFalse(scalar.vectorized());
        boolean moduleLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(moduleLoaded, preferred.vectorized(), "kernel use should follow the module's presence");
        SplittableRandom random = new SplittableRandom(20);
        for (int len = 0; len <= 1600; len++) {
            byte[] plain = new byte[len];
            random.nextBytes(plain);
            byte[] a = new byte[len];
            byte[] b = new byte[len];
            scalar.encrypt(plain, 0, a, 0, len);
            preferred.encrypt(plain, 0, b, 0, len);
            assertArrayEquals(a, b, "len " + len);
            assertArrayEquals(ReferenceCiphers.salsa20(key, plain), a, "len " + len);
        }
    }
}
