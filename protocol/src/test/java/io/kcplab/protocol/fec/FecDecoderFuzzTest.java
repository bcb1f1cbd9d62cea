package io.kcplab.protocol.fec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kcplab.protocol.ConnectionFecCrashTestAccess;
import io.kcplab.protocol.FuzzRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzz target for {@link FecDecoder} (docs/fuzzing.md). Input: byte 0 and 1 pick the configured
 * shape (1..16 data, 1..8 parity shards), then {@link FuzzRecords}: each body is one FEC packet from its seqid on
 * (seqid, type, size, payload; any length), and the op byte's upper seven bits advance the clock by 500 ms steps
 * before it (so the 60 s expiry and the 1 s sweep are reachable).
 *
 * <p>Checks: nothing throws; every rebuilt shard lies inside its buffer with its size in 2..1500; the window stays
 * within the largest limit the decoder has had (+1: kcp-go drops one entry per call); and after the fuzzed
 * packets have expired, real groups with one data shard lost are rebuilt exactly, nothing else is rebuilt. (Not
 * when the fuzzed packets made autotune leave the configured shape: then RS decodes across the wrong group bounds
 * and a rebuilt shard is garbage by design, as in kcp-go, for KCP to reject; only the bounds are checked.)
 */
class FecDecoderFuzzTest {

    static final int MAX_RECORDS = 256;

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        int ds = 1 + (data.length > 0 ? (data[0] & 0xFF) % 16 : 9);
        int ps = 1 + (data.length > 1 ? (data[1] & 0xFF) % 8 : 2);
        FecDecoder dec = new FecDecoder(ds, ps);
        int[] maxLimit = {dec.rxlimit()};
        List<byte[]> rebuilt = new ArrayList<>();
        RecoveredShardSink sink = (shard, off, len) -> {
            assertTrue(off >= 0 && len >= 2 && len <= FecEncoder.MTU_LIMIT && off + len <= shard.length,
                    "rebuilt shard inside its buffer: off=" + off + " len=" + len + " buf=" + shard.length);
            int size = (shard[off] & 0xFF) | (shard[off + 1] & 0xFF) << 8;
            assertTrue(size == len, "len is the shard's size field: " + size + " vs " + len);
            rebuilt.add(Arrays.copyOfRange(shard, off, off + len));
        };
        FuzzRecords in = new FuzzRecords(data, 2);
        int now = 0;
        int records = 0;
        while (records++ < MAX_RECORDS && in.next()) {
            now += (in.op() >>> 1) * 500;
            byte[] pkt = in.body();
            dec.decode(pkt, 0, pkt.length, now, sink);
            check(dec, maxLimit);
        }

        // The fuzzed entries expire; then real groups go through, the last with one data shard lost.
        now += FecDecoder.EXPIRE_MS + 2_000;
        byte[] trigger = {(byte) 0xF0, 0, 0, 0x40, (byte) 0xF2, 0, 2, 0, 0, 0}; // far-away parity: runs the sweep
        dec.decode(trigger, 0, trigger.length, now, sink);
        check(dec, maxLimit);
        rebuilt.clear();
        FecEncoder enc = new FecEncoder(ds, ps, 0);
        List<byte[]> sent = new ArrayList<>();
        boolean ownShape = true; // on a fuzzed shape, RS decodes across the wrong group bounds: garbage is expected
        int groups = 3;
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < ds; i++) {
                byte[] pkt = new byte[FecEncoder.FEC_HEADER_SIZE_PLUS_2 + 24 + (g * 37 + i * 11) % 200];
                Arrays.fill(pkt, FecEncoder.FEC_HEADER_SIZE_PLUS_2, pkt.length, (byte) (g * 16 + i + 1));
                int parity = enc.encode(pkt, pkt.length);
                byte[] shard = Arrays.copyOfRange(pkt, FecEncoder.FEC_HEADER_SIZE, pkt.length);
                sent.add(shard);
                if (!(g == groups - 1 && i == 0)) {
                    ownShape &= dec.currentDataShards() == ds && dec.currentParityShards() == ps;
                    dec.decode(pkt, 0, pkt.length, now, sink);
                    check(dec, maxLimit);
                }
                for (int j = 0; j < parity; j++) {
                    ownShape &= dec.currentDataShards() == ds && dec.currentParityShards() == ps;
                    dec.decode(enc.parityPacket(j), 0, enc.parityLength(), now, sink);
                    check(dec, maxLimit);
                }
            }
        }
        ownShape &= dec.currentDataShards() == ds && dec.currentParityShards() == ps;
        if (ownShape) {
            for (byte[] r : rebuilt) {
                assertTrue(sent.stream().anyMatch(s -> Arrays.equals(s, r)), "a rebuilt shard that was never sent");
            }
            byte[] lost = sent.get((groups - 1) * ds);
            assertTrue(rebuilt.stream().anyMatch(r -> Arrays.equals(r, lost)), "the lost shard was rebuilt");
        }
    }

    private static void check(FecDecoder dec, int[] maxLimit) {
        maxLimit[0] = Math.max(maxLimit[0], dec.rxlimit());
        assertTrue(dec.windowSize() <= maxLimit[0] + 1,
                "FEC window " + dec.windowSize() + " over its limit " + maxLimit[0]);
        assertTrue(dec.rxlimit() <= FecDecoder.RX_MULTI * 256, "rxlimit " + dec.rxlimit());
    }

    /** Seed corpus (run with {@code KCPLAB_FUZZ_SEEDS=<module>/src/test/resources}): the issue-14 crash shapes. */
    @Test
    void writeSeeds() throws IOException {
        String root = System.getenv("KCPLAB_FUZZ_SEEDS");
        if (root == null) {
            return;
        }
        Path dir = Path.of(root, "io/kcplab/protocol/fec/FecDecoderFuzzTestInputs/decode");
        Files.createDirectories(dir);
        for (String which : new String[] {"reported", "shrunk"}) {
            FuzzRecords.Writer w = FuzzRecords.writer().prefix(9, 2); // 10 data + 3 parity
            for (byte[] p : ConnectionFecCrashTestAccess.sequence(which)) {
                w.record(0, p);
            }
            Files.write(dir.resolve("fec-crash-" + which), w.toByteArray());
        }
        // a clean stream of three groups with a lost shard, and one that sits across the 60 s expiry
        FecEncoder enc = new FecEncoder(4, 2, 0);
        FuzzRecords.Writer w = FuzzRecords.writer().prefix(3, 1);
        FuzzRecords.Writer late = FuzzRecords.writer().prefix(3, 1);
        for (int i = 0; i < 12; i++) {
            byte[] pkt = new byte[40 + i * 13];
            Arrays.fill(pkt, 8, pkt.length, (byte) i);
            int parity = enc.encode(pkt, pkt.length);
            if (i != 5) {
                w.record(0, pkt);
                late.record(i == 6 ? 2 * 121 : 0, pkt);
            }
            for (int j = 0; j < parity; j++) {
                w.record(0, enc.parityPacket(j), 0, enc.parityLength());
                late.record(0, enc.parityPacket(j), 0, enc.parityLength());
            }
        }
        Files.write(dir.resolve("groups-lost-shard"), w.toByteArray());
        Files.write(dir.resolve("groups-across-expiry"), late.toByteArray());
    }
}
