package io.kcplab.bench;

import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.ReferenceCodec;
import io.kcplab.protocol.fec.FecDecoder;
import io.kcplab.protocol.fec.FecEncoder;
import io.kcplab.protocol.fec.RecoveredShardSink;
import io.kcplab.transport.HostSimd;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * kcp-go-style FEC framing, 10/3, 1400-byte datagrams with the 20-byte crypto header space (kcp-go's
 * {@code BenchmarkFECEncode/Decode} shape, so the figures compare; see BENCHMARKS.md, "Design measurements"). One
 * invocation is one group of ten data packets and one operation is one data byte, so the score in ops/us <b>is MB/s
 * of data</b>.
 *
 * <ul>
 *   <li>{@code encode}: stamp headers, copy shards, and RS-encode at every tenth packet (what a sender does);</li>
 *   <li>{@code decodeLossless}: the 13 packets of a group into the decoder (window insert, group assembly, release);</li>
 *   <li>{@code decodeOneLost}: 12 of 13, one data shard rebuilt and handed to the sink.</li>
 * </ul>
 * {@code codec}: {@code reference} = Backblaze JavaReedSolomon, {@code fast} = KcpLab's codec.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar FecFraming</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class FecFramingBenchmark {

    private static final int DATA = 10;
    private static final int PARITY = 3;
    private static final int N = DATA + PARITY;
    private static final int H = 20;
    private static final int SIZE = 1400;
    private static final int GROUP_BYTES = DATA * SIZE;

    @Param({"reference", "fast"})
    public String codec;

    private FecEncoder encoder;
    private FecDecoder decoder;
    private final byte[][] outgoing = new byte[DATA][SIZE];
    /** One encoded group, from the FEC header on; seqids are rewritten for every invocation. */
    private final byte[][] group = new byte[N][];
    private int groupBase;
    private int now;
    private Blackhole sinkHole;
    private final RecoveredShardSink sink = (shard, off, len) -> sinkHole.consume(shard[off]);

    @Setup
    public void setUp(Blackhole bh) {
        sinkHole = bh;
        encoder = new FecEncoder(DATA, PARITY, H, make(DATA, PARITY));
        decoder = new FecDecoder(DATA, PARITY, this::make);
        SplittableRandom random = new SplittableRandom(13);
        for (byte[] p : outgoing) {
            random.nextBytes(p);
        }
        FecEncoder once = new FecEncoder(DATA, PARITY, H, make(DATA, PARITY));
        for (int i = 0; i < DATA; i++) {
            byte[] p = outgoing[i].clone();
            once.encode(p, SIZE);
            group[i] = Arrays.copyOfRange(p, H, SIZE);
        }
        for (int j = 0; j < PARITY; j++) {
            group[DATA + j] = Arrays.copyOfRange(once.parityPacket(j), H, once.parityLength());
        }
    }

    private ErasureCodec make(int ds, int ps) {
        return codec.equals("fast") ? ErasureCodec.fast(ds, ps, HostSimd.settings()) : new ReferenceCodec(ds, ps);
    }

    @Benchmark
    @OperationsPerInvocation(GROUP_BYTES)
    public int encode() {
        int parity = 0;
        for (byte[] p : outgoing) {
            parity += encoder.encode(p, SIZE);
        }
        return parity;
    }

    @Benchmark
    @OperationsPerInvocation(GROUP_BYTES)
    public long decodeLossless() {
        nextGroup();
        for (byte[] p : group) {
            decoder.decode(p, 0, p.length, now, sink);
        }
        return decoder.windowSize();
    }

    @Benchmark
    @OperationsPerInvocation(GROUP_BYTES)
    public long decodeOneLost() {
        nextGroup();
        for (int k = 0; k < N; k++) {
            if (k != 3) {
                decoder.decode(group[k], 0, group[k].length, now, sink);
            }
        }
        return decoder.recovered();
    }

    /** Moves the prepared group to the next seqids, as the peer's next group would be. */
    private void nextGroup() {
        groupBase += N;
        now++;
        for (int k = 0; k < N; k++) {
            int seq = groupBase + k;
            byte[] p = group[k];
            p[0] = (byte) seq;
            p[1] = (byte) (seq >>> 8);
            p[2] = (byte) (seq >>> 16);
            p[3] = (byte) (seq >>> 24);
        }
    }
}
