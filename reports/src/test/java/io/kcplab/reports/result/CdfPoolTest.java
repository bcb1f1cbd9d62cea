package io.kcplab.reports.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pooling seeds' CDFs gives the CDF of all their samples together. */
class CdfPoolTest {

    @Test
    void pooledEqualsTheCdfOfAllSamples() {
        double[] a = {10, 20, 20, 30};
        double[] b = {15, 20, 40, 50, 60, 70};
        Cdf pooled = Cdf.pooled(List.of(Cdf.fromSamples(a), Cdf.fromSamples(b)), new long[] {a.length, b.length});
        Cdf all = Cdf.fromSamples(new double[] {10, 20, 20, 30, 15, 20, 40, 50, 60, 70});
        assertArrayEquals(all.values(), pooled.values());
        assertArrayEquals(all.fractions(), pooled.fractions(), 1e-12);
    }

    @Test
    void stepFunctionAndEmptyInputs() {
        Cdf c = Cdf.fromSamples(new double[] {1, 2, 2, 4});
        assertEquals(0, c.at(0.5));
        assertEquals(0.75, c.at(2));
        assertEquals(0.75, c.at(3.9));
        assertEquals(1, c.at(100));
        assertEquals(Cdf.EMPTY, Cdf.pooled(List.of(Cdf.EMPTY, c), new long[] {3, 0}), "nothing of weight");
        assertEquals(c, Cdf.pooled(List.of(Cdf.EMPTY, c), new long[] {3, 4}), "an empty seed adds nothing");
        assertThrows(IllegalArgumentException.class, () -> Cdf.pooled(List.of(c), new long[0]));
    }
}
