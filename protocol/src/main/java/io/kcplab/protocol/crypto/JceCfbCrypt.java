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
 * <li>Encrypt, one packet: CFB encryption is a serial chain of block encryptions, and SunJCE's CFB runs it as a
 * Java loop of single-block calls. The same chain is a CBC encryption in disguise, and CBC encryption has a HotSpot
 * intrinsic (one assembly loop over the whole input): the CFB keystream is {@code K_i = E(C_(i-1))} with
 * {@code C_(-1) = IV}, and CBC with a zero IV over {@code IV ‖ P_0 … P_(n-2)} yields
 * {@code D_0 = E(IV)}, {@code D_i = E(P_(i-1) ^ D_(i-1)) = E(C_(i-1))} = exactly that keystream; one XOR with
 * the plaintext finishes (faster than SunJCE's CFB: BENCHMARKS.md, "Design measurements"). A persistent
 * {@code X/CBC/NoPadding} cipher; {@code doFinal} returns it to its IV, so it is never re-initialised.</li>
 * <li>Encrypt, a batch of at least {@link #LOCKSTEP_MIN} packets: the packets advance in lock-step, one ECB call
 * over the K feedback blocks per step, which hides the latency of the serial chain (AES-128 in batches
 * of 8 and of 32 packets: see BENCHMARKS.md, ciphers). Smaller batches go packet by packet through the CBC
 * intrinsic, which measured as fast as lock-step up to K = 16 (BENCHMARKS.md, "Design measurements"), and keeps
 * one packet in L1 instead of K.</li>
 * <li>Decrypt: the keystream is E(IV ‖ C0 … C(n-2)), all known up front, so one bulk ECB call makes it.</li>
 * </ul>
 * SunJCE copies (allocates) when {@code doFinal}'s input and output overlap, so its calls here never get
 * overlapping arrays: in-place work goes through scratch arrays. Not thread-safe.
 */
final class JceCfbCrypt extends CheckedCrypt {

    /** Packets advanced together by {@link #encryptBatch}; 32 was the best measured (BENCHMARKS.md, ciphers). */
    static final int MAX_LOCKSTEP = 32;
    /** Smallest batch run in lock-step; below it the single-packet CBC way is as fast (see the class comment). */
    static final int LOCKSTEP_MIN = 16;

    private final String name;
    private final int blockSize;
    private final Cipher cbc;
    private final Cipher ecb;
    /** E(IV): the keystream of block 0, the same for every packet. */
    private final byte[] ivKeystream;
    private byte[] scratch = new byte[PacketBytes.roundUp(PacketBytes.MTU_LIMIT, 16)];
    /** CBC input for one packet's encryption: the IV, then the plaintext minus its last block. */
    private byte[] chainInput;
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
            cbc = Cipher.getInstance(jceAlgorithm + "/CBC/NoPadding");
            cbc.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(new byte[blockSize]));
            chainInput = new byte[PacketBytes.roundUp(PacketBytes.MTU_LIMIT, blockSize)];
            System.arraycopy(iv, 0, chainInput, 0, blockSize); // stays: only later blocks are rewritten
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
    protected void encryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        int bs = blockSize;
        int ksLen = PacketBytes.roundUp(len, bs);
        if (chainInput.length < ksLen) {
            byte[] grown = new byte[Math.max(ksLen, chainInput.length * 2)];
            System.arraycopy(chainInput, 0, grown, 0, bs);
            chainInput = grown;
        }
        System.arraycopy(src, srcOff, chainInput, bs, ksLen - bs);
        byte[] ks = scratch = PacketBytes.grow(scratch, ksLen);
        try {
            cbc.doFinal(chainInput, 0, ksLen, ks, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + ": JDK cipher failed: " + e, e);
        }
        PacketBytes.xor(src, srcOff, ks, 0, dst, dstOff, len);
    }

    @Override
    protected void decryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
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
            if (k >= LOCKSTEP_MIN) {
                lockstep(packets, offsets, lengths, first, k);
            } else {
                for (int i = first; i < first + k; i++) {
                    encrypt(packets[i], offsets[i], packets[i], offsets[i], lengths[i]);
                }
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
