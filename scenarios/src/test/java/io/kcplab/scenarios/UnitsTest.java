package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.kcplab.scenarios.spec.Units;
import org.junit.jupiter.api.Test;

class UnitsTest {

    static final int EXAMPLES = Integer.getInteger("kcplab.qt.examples", 500);

    @Test
    void examples() {
        assertEquals(250, Units.durationMicros("250us"));
        assertEquals(50_000, Units.durationMicros("50ms"));
        assertEquals(1_500_000, Units.durationMicros("1.5s"));
        assertEquals(120_000_000, Units.durationMicros("2min"));
        assertEquals(0, Units.durationMicros(0));
        assertEquals(10_000_000, Units.bitsPerSecond("10Mbit"));
        assertEquals(10_000_000, Units.bitsPerSecond("10Mbps"));
        assertEquals(10_000_000, Units.bitsPerSecond("10 Mbit/s"));
        assertEquals(500_000, Units.bitsPerSecond("500kbit"));
        assertEquals(1_500_000_000, Units.bitsPerSecond("1.5Gbit"));
        assertEquals(0, Units.bitsPerSecond("unlimited"));
        assertEquals(2_000_000, Units.bytes("2MB"));
        assertEquals(2 << 20, Units.bytes("2MiB"));
        assertEquals(64_000, Units.bytes("64KB"));
        assertEquals(1400, Units.bytes(1400));
        assertEquals(1400, Units.bytes("1400B"));
        assertEquals(0.025, Units.probability("2.5%"), 1e-15);
        assertEquals(0.025, Units.probability(0.025), 1e-15);
        assertEquals(1.0, Units.probability(1), 0);
    }

    @Test
    void mistakesSayWhatIsAccepted() {
        String m = assertThrows(IllegalArgumentException.class, () -> Units.durationMicros(5)).getMessage();
        assertEquals("5 has no unit; expected " + Units.DURATION_HINT, m);
        m = assertThrows(IllegalArgumentException.class, () -> Units.bitsPerSecond("fast")).getMessage();
        assertEquals("'fast' is not a rate; expected " + Units.RATE_HINT, m);
        m = assertThrows(IllegalArgumentException.class, () -> Units.bytes(-1)).getMessage();
        assertTrue(m.startsWith("-1 is negative"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Units.bytes(1.5)).getMessage();
        assertTrue(m.startsWith("1.5 is not a whole number of bytes"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Units.durationMicros("0.1us")).getMessage();
        assertTrue(m.contains("less than 1 µs"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Units.probability("-3%")).getMessage();
        assertTrue(m.contains("is not a probability"), m);
        assertThrows(IllegalArgumentException.class, () -> Units.probability(1.5));
    }

    @Test
    void formattedDurationsParseBackExactly() {
        qt().withExamples(EXAMPLES).forAll(longs().between(0, 3_600_000_000L))
                .checkAssert(us -> assertEquals(us, Units.durationMicros(Units.formatMicros(us))));
    }

    @Test
    void formattedRatesParseBackExactly() {
        qt().withExamples(EXAMPLES).forAll(longs().between(0, 1_000_000_000_000L))
                .checkAssert(bps -> assertEquals(bps, Units.bitsPerSecond(Units.formatRate(bps))));
    }

    @Test
    void percentagesAndFractionsAgree() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 1_000_000))
                .checkAssert(millionths -> {
                    double p = millionths / 1_000_000.0;
                    assertEquals(p, Units.probability(Units.formatPercent(p)), 1e-15);
                    assertEquals(p, Units.probability(p), 0);
                });
    }
}
