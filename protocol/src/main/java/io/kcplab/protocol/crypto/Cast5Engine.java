package io.kcplab.protocol.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.engines.CAST5Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * CAST-128 encrypt direction for 16-byte keys (16 rounds), on Bouncy Castle's key schedule and round functions
 * (its protected API), with the rounds unrolled by type (f1, f2, f3) instead of a switch per round and the block
 * kept in two ints: Bouncy Castle's own block path allocates a result array and shuffles bytes per block.
 */
final class Cast5Engine extends CAST5Engine {

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private boolean keyed;

    @Override
    public void init(boolean forEncryption, CipherParameters params) {
        if (!forEncryption) {
            throw new IllegalArgumentException("cast5: only the encrypt direction is implemented (CFB needs no other)");
        }
        CipherKeys.require("cast5", ((KeyParameter) params).getKey(), 16);
        super.init(true, params);
        keyed = true;
    }

    @Override
    public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
        if (!keyed) {
            throw new IllegalStateException("cast5: not initialised");
        }
        int l = (int) INT_BE.get(in, inOff);
        int r = (int) INT_BE.get(in, inOff + 4);
        int[] km = _Km;
        int[] kr = _Kr;
        // rounds 1..15 in groups of (f1, f2, f3); round 16 is f1. Each round: (l, r) = (r, l ^ f(r)).
        for (int i = 1; i < 16; i += 3) {
            l ^= F1(r, km[i], kr[i]);
            r ^= F2(l, km[i + 1], kr[i + 1]);
            l ^= F3(r, km[i + 2], kr[i + 2]);
            int t = l;
            l = r;
            r = t;
        }
        l ^= F1(r, km[16], kr[16]);
        INT_BE.set(out, outOff, l);
        INT_BE.set(out, outOff + 4, r);
        return 8;
    }
}
