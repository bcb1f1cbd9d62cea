package io.kcplab.protocol.fec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static io.kcplab.protocol.fec.FecEncoderTest.EXAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class FecAutotuneTest {

    private static void sampleGroups(FecAutotune t, int ds, int ps, long firstSeq, int count) {
        int n = ds + ps;
        for (int i = 0; i < count; i++) {
            long seq = firstSeq + i;
            t.sample(Math.floorMod(seq, n) < ds, (int) seq);
        }
    }

    @Test
    void anEmptyRingHasNoPeriod() {
        FecAutotune t = new FecAutotune();
        assertTrue(t.findPeriod(true) <= 0);
        assertTrue(t.findPeriod(false) <= 0);
    }

    @Test
    void findsTheRunLengthsOfAStreamFromSeqZero() {
        FecAutotune t = new FecAutotune();
        sampleGroups(t, 10, 3, 0, 2 * 13 + 1);
        assertEquals(10, t.findPeriod(true));
        assertEquals(3, t.findPeriod(false));
    }

    @Test
    void aGapInTheRunGivesMinusOne() {
        FecAutotune t = new FecAutotune();
        sampleGroups(t, 10, 3, 0, 13);          // first group
        sampleGroups(t, 10, 3, 13, 4);          // data 13..16 of the second
        sampleGroups(t, 10, 3, 18, 13);         // 17 lost
        assertEquals(-1, t.findPeriod(true));
        assertEquals(3, t.findPeriod(false), "the parity run 10..12 is still intact");
    }

    /** Property (QuickTheories over ds/ps): a clean stream of two groups and one packet reveals (ds, ps). */
    @Test
    void learnsAnyShapeThatFitsTheRing() {
        qt().withExamples(EXAMPLES)
                .forAll(integers().between(1, 100), integers().between(1, 28))
                .assuming((ds, ps) -> 2 * (ds + ps) + 1 <= FecAutotune.SAMPLES)
                .checkAssert((ds, ps) -> {
                    FecAutotune t = new FecAutotune();
                    sampleGroups(t, ds, ps, 0, 2 * (ds + ps) + 1);
                    assertEquals(ds, t.findPeriod(true), "data run");
                    assertEquals(ps, t.findPeriod(false), "parity run");
                });
    }

    /**
     * Property: on a long clean stream the answer is always either right or "not found" (&le; 0), wherever the
     * ring's seam falls: a wrong positive period would make the decoder retune to a wrong shape.
     */
    @Test
    void neverReportsAWrongPeriodOnACleanStream() {
        // Once the ring has been filled: on a partly filled ring kcp-go itself can answer a wrong period (see
        // aPartlyFilledRingCanReportAPartialRunAsKcpGoDoes).
        qt().withExamples(EXAMPLES)
                .forAll(integers().between(1, 40), integers().between(1, 20), longs().between(0, 0xFFFF_FFFFL),
                        integers().between(FecAutotune.SAMPLES, 2000))
                .checkAssert((ds, ps, start, count) -> {
                    int n = ds + ps;
                    long first = start - Math.floorMod(start, n);
                    FecAutotune t = new FecAutotune();
                    sampleGroups(t, ds, ps, first, count);
                    int pd = t.findPeriod(true);
                    int pp = t.findPeriod(false);
                    assertTrue(pd <= 0 || pd == ds, "data period " + pd);
                    assertTrue(pp <= 0 || pp == ps, "parity period " + pp);
                });
    }

    /**
     * kcp-go's FindPeriod on a ring that is not yet full (real peer behaviour, reproduced): four packets of a 3+1
     * stream from seq 256 fill slots 256, 257, 0 and 1; no rising edge with consecutive seqids is found, so the
     * left edge stays at slot 0 (Go's zero value) and the run measured from there, seq 258 alone, gives period 1.
     * kcp-go's decoder (and FecDecoder) retune whenever both periods are positive, so early in a stream such an
     * answer can cost a wrong shape until more packets arrive, in kcp-go as here.
     */
    @Test
    void aPartlyFilledRingCanReportAPartialRunAsKcpGoDoes() {
        FecAutotune t = new FecAutotune();
        sampleGroups(t, 3, 1, 256, 4);
        assertEquals(1, t.findPeriod(true));
    }

    /** Property: a decoder configured 1/1 (kcp-go's lazily made one) learns the peer's shape and then recovers. */
    @Test
    void aDecoderLearnsThePeersShapeFromItsPacketStream() {
        qt().withExamples(EXAMPLES / 4)
                .forAll(integers().between(1, 40), integers().between(1, 20), longs().all())
                .assuming((ds, ps, seed) -> 2 * (ds + ps) + 1 <= FecAutotune.SAMPLES)
                .checkAssert((ds, ps, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    FecEncoder enc = FecEncoderTest.enc(ds, ps, 0);
                    FecDecoder dec = FecDecoderTest.dec(1, 1);
                    FecDecoderTest.Collect c = new FecDecoderTest.Collect();
                    List<byte[]> s = FecDecoderTest.stream(enc, rnd, 6, 40);
                    int n = ds + ps;
                    List<String> lost = new ArrayList<>();
                    Set<String> dataShards = new HashSet<>();
                    for (int i = 0; i < s.size(); i++) {
                        if (i % n < ds) {
                            dataShards.add(FecDecoderTest.shardOf(s.get(i)));
                        }
                    }
                    for (int i = 0; i < s.size(); i++) {
                        byte[] p = s.get(i);
                        if (i == 3 * n) {
                            // before it learns, a 1/1 decoder "recovers" from mis-grouped packets, as kcp-go's
                            // does (real data twice, or garbage counted as FECErrs); only later groups count
                            assertEquals(ds, dec.currentDataShards(), "learned within three clean groups");
                            c.shards.clear();
                        }
                        // groups 0..2 clean; from group 3 on, lose one data shard per group
                        if (i >= 3 * n && i % n == (i / n) % ds) {
                            lost.add(FecDecoderTest.shardOf(p));
                            continue;
                        }
                        FecDecoderTest.feed(dec, p, 0, c);
                    }
                    assertEquals(ds, dec.currentDataShards());
                    assertEquals(ps, dec.currentParityShards());
                    assertEquals(3 * ds + 3 * ps, dec.rxlimit());
                    // a group is removed once rebuilt; when ps > ds its late parity shards rebuild it again
                    // (kcp-go does the same), yielding data shards that had arrived: real data, twice
                    assertTrue(c.shards.containsAll(lost), "seed " + seed);
                    assertTrue(dataShards.containsAll(c.shards), "seed " + seed);
                    if (ps <= ds) {
                        assertEquals(lost, c.shards, "seed " + seed);
                    }
                });
    }
}
