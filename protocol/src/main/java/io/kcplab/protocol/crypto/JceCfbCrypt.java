package io.kcplab.protocol.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * kcp-go's "local CFB" (full-block CFB, fixed IV restarted per packet) on a JDK cipher; used for AES, whose JDK
 * implementation runs on AES-NI intrinsics. (Works for any JDK block cipher; SunJCE's Blowfish and DESede were
 * measured slower than the engines {@link Ciphers} uses for them.)
 * <ul>
 * <li>Encrypt, one packet: a persistent {@code X/CFB/NoPadding} cipher; {@code doFinal} returns it to the IV, so
 * it is never re-initialised. CFB encryption is a serial chain of block encryptions.</li>
 * <li>Encrypt, a batch: the packets advance in lock-step, one ECB call over the K feedback blocks per step, which
 * hides the latency of the serial chain (codecs.md §4: 1.5-1.9 GB/s at K = 8..32 for AES-128).</li>
 * <li>Decrypt: the keystream is E(IV ‖ C0 … C(n-2)), all known up front, so one bulk ECB call makes it.</li>
 * </ul>
 * SunJCE copies (allocates) when {@code doFinal}'s input and output overlap, so in-place encryption goes through a
 * scratch array. Not thread-safe.
 */
final class JceCfbCrypt implements BlockCrypt {

    /** Packets advanced together by {@link #encryptBatch}; 32 was the best measured (codecs.md §4). */
    static final int MAX_LOCKSTEP = 32;

    private final String name;
    private final int blockSize;
    private final Cipher cfb;
    private final Cipher ecb;
    /** E(IV): the keystream of block 0, the same for every packet. */
    private final byte[] ivKeystream;
    private byte[] scratch = new byte[PacketBytes.roundUp(PacketBytes.MTU_LIMIT, 16)];
    private final byte[] feedback;
    private final byte[] stepKeystream;
    private final int[] order = new int[MAX_LOCKSTEP];
    private final int[] blocks = new int[MAX_LOCKSTEP];

    JceCfbCrypt(String name, String jceAlgorithm, int blockSize, byte[] key) {
        this.name = name;
        this.blockSize = blockSize;
        this.feedback = new byte[MAX_LOCKSTEP * blockSize];
        this.stepKeystream = new byte[MAX_LOCKSTEP * blockSize];
        try {
            SecretKeySpec spec = new SecretKeySpec(key, jceAlgorithm);
            byte[] iv = PacketBytes.initialVector(blockSize);
            cfb = Cipher.getInstance(jceAlgorithm + "/CFB/NoPadding");
            cfb.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(iv));
            ecb = Cipher.getInstance(jceAlgorithm + "/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, spec);
            ivKeystream = ecb.doFinal(iv);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(name + ": the JDK cannot set up " + jceAlgorithm + ": " + e, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void encrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        PacketBytes.checkRanges(src, srcOff, dst, dstOff, len);
        if (len == 0) {
            return;
        }
        try {
            if (src == dst && srcOff < dstOff + len && dstOff < srcOff + len) {
                scratch = PacketBytes.grow(scratch, len);
                cfb.doFinal(src, srcOff, len, scratch, 0);
                System.arraycopy(scratch, 0, dst, dstOff, len);
            } else {
                cfb.doFinal(src, srcOff, len, dst, dstOff);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + ": JDK cipher failed: " + e, e);
        }
    }

    @Override
    public void decrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        PacketBytes.checkRanges(src, srcOff, dst, dstOff, len);
        if (len == 0) {
            return;
        }
        if (PacketBytes.moveIfOverlapping(src, srcOff, dst, dstOff, len)) {
            src = dst;
            srcOff = dstOff;
        }
        int bs = blockSize;
        int ksLen = PacketBytes.roundUp(len, bs);
        byte[] ks = scratch = PacketBytes.grow(scratch, ksLen);
        System.arraycopy(ivKeystream, 0, ks, 0, bs);
        if (ksLen > bs) {
            try {
                ecb.update(src, srcOff, ksLen - bs, ks, bs);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(name + ": JDK cipher failed: " + e, e);
            }
        }
        PacketBytes.xor(src, srcOff, ks, 0, dst, dstOff, len);
    }

    @Override
    public void encryptBatch(byte[][] packets, int[] offsets, int[] lengths, int count) {
        for (int i = 0; i < count; i++) {
            PacketBytes.checkRanges(packets[i], offsets[i], packets[i], offsets[i], lengths[i]);
        }
        for (int first = 0; first < count; first += MAX_LOCKSTEP) {
            int k = Math.min(MAX_LOCKSTEP, count - first);
            if (k == 1) {
                encrypt(packets[first], offsets[first], packets[first], offsets[first], lengths[first]);
            } else {
                lockstep(packets, offsets, lengths, first, k);
            }
        }
    }

    /** Encrypts packets [first, first + k) in place, one ECB call per block step over all still-active packets. */
    private void lockstep(byte[][] packets, int[] offsets, int[] lengths, int first, int k) {
        int bs = blockSize;
        // Slots ordered by block count, longest first: the packets still active at any step are a prefix.
        int active = 0;
        for (int i = 0; i < k; i++) {
            int n = (lengths[first + i] + bs - 1) / bs;
            int j = active++;
            while (j > 0 && blocks[j - 1] < n) {
                blocks[j] = blocks[j - 1];
                order[j] = order[j - 1];
                j--;
            }
            blocks[j] = n;
            order[j] = first + i;
        }
        while (active > 0 && blocks[active - 1] == 0) {
            active--;
        }
        for (int step = 0; active > 0; step++) {
            byte[] ks;
            int ksBase;
            if (step > 0) {
                try {
                    ecb.update(feedback, 0, active * bs, stepKeystream, 0);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(name + ": JDK cipher failed: " + e, e);
                }
                ks = stepKeystream;
            } else {
                ks = null;
            }
            for (int s = 0; s < active; s++) {
                int p = order[s];
                byte[] pkt = packets[p];
                int at = offsets[p] + step * bs;
                int n = Math.min(bs, lengths[p] - step * bs);
                if (ks == null) {
                    PacketBytes.xorBlock(pkt, at, ivKeystream, 0, pkt, at, n);
                } else {
                    PacketBytes.xorBlock(pkt, at, ks, s * bs, pkt, at, n);
                }
                if (n == bs) {
                    System.arraycopy(pkt, at, feedback, s * bs, bs);
                }
            }
            while (active > 0 && blocks[active - 1] == step + 1) {
                active--;
            }
        }
    }
}
