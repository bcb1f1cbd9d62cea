package io.kcplab.bench;

import io.kcplab.protocol.crypto.KeyDerivation;
import io.kcplab.protocol.wire.DatagramSink;
import io.kcplab.protocol.wire.KcpInputSink;
import io.kcplab.protocol.wire.NonceSource;
import io.kcplab.protocol.wire.PacketCodec;
import io.kcplab.protocol.wire.WireProfile;
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
 * The whole datagram pipeline, both directions, as kcptun runs it: aes-128, FEC 10+3, 1400-byte datagrams. One
 * operation = one KCP datagram framed, FEC-encoded, checksummed, encrypted, and every wire datagram it produced
 * (the data packet plus, every 10th time, 3 parity packets) decrypted, verified and FEC-decoded on the receiving
 * codec. {@code lossEvery} > 0 drops every n-th wire datagram so that the receiver also rebuilds shards (7, not 13:
 * every 13th of a 10+3 stream is always the same parity shard, which leaves nothing to rebuild).
 * MB/s of KCP data = score x 1400. Allocation (expected 0 B/op): run with {@code -prof gc}.
 *
 * <p>{@code flushEncodeDecode}: the same, with the datagrams of one KCP flush sent as {@code Connection} sends them:
 * {@code flushBatch} = 1 is one {@code encode} per datagram (each packet encrypted alone), 16 is sixteen
 * {@code encodeDeferred} then one {@code flush} (one lock-step encryption per batch). One operation = one datagram
 * (16 per invocation), so again MB/s = score x 1400; {@code fec} = off shows the cipher's share without
 * Reed-Solomon.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar PacketCodec -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PacketCodecBenchmark {

    private static final byte[] PASS = KeyDerivation.kcptun("it's a secrect");
    private static final int DATAGRAM = 1400;

    @State(Scope.Thread)
    public static class Pipeline {
        @Param({"KCP_GO", "HIGHWAY"})
        public WireProfile profile;

        @Param({"aes-128"})
        public String cipher;

        @Param({"0", "7"})
        public int lossEvery;

        PacketCodec sender;
        PacketCodec receiver;
        final byte[] kcp = new byte[1500];
        final byte[] buf = new byte[1500];
        long delivered;
        int wireCount;
        KcpInputSink toKcp;
        DatagramSink toReceiver;

        @Setup
        public void setUp() {
            int ds = fecOn() ? 10 : 0;
            int ps = fecOn() ? 3 : 0;
            sender = PacketCodec.builder().profile(profile).cipher(cipher, PASS).fec(ds, ps)
                    .nonceSource(NonceSource.seeded(1)).build();
            receiver = PacketCodec.builder().profile(profile).cipher(cipher, PASS).fec(ds, ps)
                    .nonceSource(NonceSource.seeded(2)).build();
            new SplittableRandom(7).nextBytes(kcp);
            kcp[sender.headerSize() + 4] = 81; // a KCP push command, as KCP would write it
            toKcp = (b, off, len, regular) -> {
                delivered += len;
                return 0;
            };
            toReceiver = (b, off, len) -> {
                if (lossEvery == 0 || ++wireCount % lossEvery != 0) {
                    receiver.decode(b, off, len, 0, toKcp);
                }
            };
        }

        boolean fecOn() {
            return true;
        }
    }

    @Benchmark
    public long encodeDecode(Pipeline p) {
        // KCP rebuilds its datagram for every flush; the copy stands in for that
        System.arraycopy(p.kcp, 0, p.buf, 0, DATAGRAM);
        p.sender.encode(p.buf, DATAGRAM, p.toReceiver);
        return p.delivered;
    }

    /** Datagrams per invocation of {@link #flushEncodeDecode}; a busy kcptun session's flush emits tens. */
    private static final int FLUSH_DATAGRAMS = 16;

    @State(Scope.Thread)
    public static class FlushPipeline extends Pipeline {
        @Param({"1", "16"})
        public int flushBatch;

        /** "10+3" as kcptun's default, or "off": the cipher's share of the pipeline without Reed-Solomon. */
        @Param({"10+3", "off"})
        public String fec;

        @Override
        boolean fecOn() {
            return "10+3".equals(fec);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLUSH_DATAGRAMS)
    public long flushEncodeDecode(FlushPipeline p) {
        for (int i = 0; i < FLUSH_DATAGRAMS; i++) {
            // KCP rebuilds each datagram of a flush in its one output buffer; the copy stands in for that
            System.arraycopy(p.kcp, 0, p.buf, 0, DATAGRAM);
            if (p.flushBatch == 1) {
                p.sender.encode(p.buf, DATAGRAM, p.toReceiver);
            } else {
                p.sender.encodeDeferred(p.buf, DATAGRAM, p.toReceiver);
                if ((i + 1) % p.flushBatch == 0) {
                    p.sender.flush(p.toReceiver);
                }
            }
        }
        p.sender.flush(p.toReceiver);
        return p.delivered;
    }
}
