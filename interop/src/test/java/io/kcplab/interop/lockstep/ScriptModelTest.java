package io.kcplab.interop.lockstep;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/** The script model and transcript comparator, without any peer. */
class ScriptModelTest {

    static Gen<Script> scripts(int minOps, int maxOps) {
        ScriptGenerator g = new ScriptGenerator(minOps, maxOps);
        return in -> g.generate((lo, hi) -> in.next(Constraint.between(lo, hi)));
    }

    @Test
    void textRoundTripsAndRespectsOpCounts() {
        qt().withFixedSeed(Long.getLong("kcplab.model.seed", 20240611L)).withExamples(200)
                .forAll(scripts(200, 260))
                .checkAssert(s -> {
                    assertTrue(s.size() >= 200 && s.size() <= 260, "op count " + s.size());
                    Script back = Script.parse(s.toText());
                    assertEquals(s.toText(), back.toText());
                    for (Op op : s.ops()) {
                        assertEquals(op.toString(), Op.parse(op.toString()).toString());
                    }
                });
    }

    @Test
    void generatorCoversEveryOpAndTheTraps() {
        boolean wrap = false;
        java.util.EnumSet<Op.Kind> seen = java.util.EnumSet.noneOf(Op.Kind.class);
        ScriptGenerator g = new ScriptGenerator(200, 300);
        for (long seed = 0; seed < 300; seed++) {
            Script s = g.generate(Draws.seeded(seed));
            long prev = -1;
            for (Op op : s.ops()) {
                seen.add(op.kind);
                if (op.kind == Op.Kind.UPDATE) {
                    long t = op.arg(0);
                    wrap |= prev > 0xFFFF_0000L && t < 0x1_0000L;
                    prev = t;
                }
            }
        }
        seen.add(Op.Kind.INJECT); // only hand-written scripts inject literal bytes
        for (Op.Kind k : Op.Kind.values()) {
            if (k.kcpGoOnly()) {
                seen.add(k); // kcp-go driver only: KcpGoScripts adds them (KcpGoLockstepConformanceTest)
            }
        }
        assertEquals(java.util.EnumSet.allOf(Op.Kind.class), seen);
        assertTrue(wrap, "some clock crosses 2^32");
    }

    @Test
    void divergenceNamesOpLineAndField() {
        Transcript c = new Transcript(List.of("@0 A update 0", "= 0",
                "s A 0 0 0 0 0 200 100 1 2 1376 128 128 32 0 0 0 100 0 0 0 0 0 0", "@1 A flush",
                "s A 0 0 0 0 0 200 100 1 2 1376 128 128 32 0 0 0 100 0 0 0 0 0 0"));
        Transcript j = new Transcript(List.of("@0 A update 0", "= 0",
                "s A 0 0 0 0 0 200 100 1 2 1376 128 128 32 0 0 0 100 0 0 0 0 0 0", "@1 A flush",
                "s A 0 0 0 0 0 200 100 2 2 1376 128 128 32 0 0 0 100 0 0 0 0 0 0"));
        assertNull(c.firstDivergence(c));
        Transcript.Divergence d = c.firstDivergence(j);
        assertNotNull(d);
        assertEquals(1, d.opIndex);
        assertEquals("A flush", d.op);
        assertTrue(d.toString().contains("cwnd C=1 Java=2"), d.toString());
        Transcript shorter = new Transcript(c.lines().subList(0, 3));
        assertEquals(3, c.firstDivergence(shorter).line);
    }

    @Test
    void badScriptsGetClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Script.parse("begin 1\nA jump 3\nend\n"));
        assertTrue(e.getMessage().contains("unknown op 'jump'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Script.parse("A send 1 2\n"));
        assertTrue(e.getMessage().contains("begin <conv>"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Op.parse("deliver A -1"));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Op.parse("C send 1 2"));
        assertTrue(e.getMessage().contains("endpoint A or B"), e.getMessage());
    }

    @Test
    void shrinkerFindsTheMinimalFailingCore() {
        Script s = new ScriptGenerator(200, 200).generate(Draws.seeded(5));
        Op needle1 = s.ops().get(37);
        Op needle2 = s.ops().get(150);
        // "fails" while it still contains both needles in order
        Script small = ScriptShrinker.shrink(s, c -> {
            int i = c.ops().indexOf(needle1);
            return i >= 0 && c.ops().subList(i + 1, c.size()).contains(needle2);
        }, 10_000);
        assertEquals(List.of(needle1, needle2), small.ops());
    }
}
