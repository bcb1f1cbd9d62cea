package io.kcplab.bench;

import io.kcplab.protocol.crypto.BlockCrypt;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.crypto.KeyDerivation;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packet ciphers in kcp-go's mode (docs/wire-format.md §2; results in BENCHMARKS.md). Scores are operations per
 * microsecond; convert to MB/s: {@code encrypt1400}/{@code decrypt1400}: score x 1400; {@code kcpGoStyle}
 * (kcp-go's own benchmark: encrypt then decrypt one 1500-byte buffer, counting 3000 bytes): score x 3000;
 * {@code aes128EncryptBatch}: one operation is one 1400-byte packet, so score x 1400; {@code kcpGoStyleLockstep}
 * (kcp-go's measure the way KcpLab's pipeline runs it: {@code batch} packets of 1500 bytes encrypted in lock-step
 * by one {@code encryptBatch}, as a KCP flush is sealed, then each decrypted in bulk, as each arrives; one
 * operation is one packet, counting 3000 bytes): score x 3000.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Cipher</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CipherBenchmark {

    private static final byte[] PASS = KeyDerivation.kcptun("it's a secrect");

    static byte[][] randomPackets(int count, int size, long seed) {
        byte[][] packets = new byte[count][size];
        SplittableRandom random = new SplittableRandom(seed);
        for (byte[] packet : packets) {
            random.nextBytes(packet);
        }
        return packets;
    }

    @State(Scope.Thread)
    public static class Packets {
        @Param({"aes", "aes-128", "aes-192", "salsa20", "blowfish", "twofish", "cast5", "3des", "tea", "xtea",
            "xor", "sm4", "none"})
        public String cipher;

        BlockCrypt crypt;
        final byte[] plain = new byte[1500];
        final byte[] wire = new byte[1500];
        final byte[] out = new byte[1500];
        final byte[] kcpBuffer = new byte[1500];

        @Setup
        public void setUp() {
            crypt = Ciphers.create(cipher, PASS);
            new SplittableRandom(7).nextBytes(plain);
            crypt.encrypt(plain, 0, wire, 0, 1400);
            System.arraycopy(plain, 0, kcpBuffer, 0, 1500);
        }
    }

    @Benchmark
    public byte[] encrypt1400(Packets p) {
        p.crypt.encrypt(p.plain, 0, p.out, 0, 1400);
        return p.out;
    }

    @Benchmark
    public byte[] decrypt1400(Packets p) {
        p.crypt.decrypt(p.wire, 0, p.out, 0, 1400);
        return p.out;
    }

    /** kcp-go's BenchmarkXXX: Encrypt(data, data) then Decrypt(data, data) on 1500 bytes, counted as 3000 bytes. */
    @Benchmark
    public byte[] kcpGoStyle(Packets p) {
        p.crypt.encrypt(p.kcpBuffer, 0, p.kcpBuffer, 0, 1500);
        p.crypt.decrypt(p.kcpBuffer, 0, p.kcpBuffer, 0, 1500);
        return p.kcpBuffer;
    }

    @State(Scope.Thread)
    public static class Batch {
        @Param({"8", "32"})
        public int batch;

        BlockCrypt crypt;
        byte[][] packets;
        int[] offsets;
        int[] lengths;

        @Setup
        public void setUp() {
            crypt = Ciphers.create("aes-128", PASS);
            packets = randomPackets(batch, 1400, 9);
            offsets = new int[batch];
            lengths = new int[batch];
            Arrays.fill(lengths, 1400);
        }
    }

    /**
     * AES-128 encryption of {@code batch} 1400-byte packets by one {@code encryptBatch} (lock-step from 16 packets
     * on, packet by packet below); one operation = one packet.
     */
    @Benchmark
    @OperationsPerInvocation(32)
    public byte[][] aes128EncryptBatch(Batch b) {
        // Encrypts 32 packets per invocation whatever the batch size, so the scores of both sizes compare directly.
        for (int done = 0; done < 32; done += b.batch) {
            b.crypt.encryptBatch(b.packets, b.offsets, b.lengths, b.batch);
        }
        return b.packets;
    }

    @State(Scope.Thread)
    public static class LockStep {
        @Param({"aes-128", "aes"})
        public String cipher;

        @Param({"8", "32"})
        public int batch;

        BlockCrypt crypt;
        byte[][] packets;
        int[] offsets;
        int[] lengths;

        @Setup
        public void setUp() {
            crypt = Ciphers.create(cipher, PASS);
            packets = randomPackets(batch, 1500, 11);
            offsets = new int[batch];
            lengths = new int[batch];
            Arrays.fill(lengths, 1500);
        }
    }

    /**
     * kcp-go's BenchmarkXXX measure (encrypt + decrypt in place of 1500 bytes, counted as 3000) on the pipeline's
     * way: the {@code batch} packets of one flush encrypted in lock-step, then each decrypted by one bulk ECB call.
     * One operation = one packet; 32 packets per invocation whatever the batch size.
     */
    @Benchmark
    @OperationsPerInvocation(32)
    public byte[][] kcpGoStyleLockstep(LockStep s) {
        for (int done = 0; done < 32; done += s.batch) {
            s.crypt.encryptBatch(s.packets, s.offsets, s.lengths, s.batch);
            for (int i = 0; i < s.batch; i++) {
                s.crypt.decrypt(s.packets[i], 0, s.packets[i], 0, 1500);
            }
        }
        return s.packets;
    }
}
