package io.kcplab.interop.lockstep;

import io.kcplab.interop.KcpGoLockstep;
import io.kcplab.protocol.kcp.KcpProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kcp-go side alone: the build (patched copy in the build folder only), determinism, the transcript format,
 * that the generated scripts reach kcp-go's own traps, and that the harness can fail.
 */
class KcpGoDriverTest {

    private final KcpGoScripts generator = new KcpGoScripts(200, 300);

    @Test
    void buildPatchesOnlyTheClockOfACheckedCopy() throws IOException {
        Path exe = KcpGoPeer.driver();
        long stamp = Files.getLastModifiedTime(exe).toMillis();
        assertEquals(exe, KcpGoLockstep.binary());
        assertEquals(stamp, Files.getLastModifiedTime(exe).toMillis(), "an unchanged driver must not be rebuilt");
        Path copy = exe.resolveSibling("kcplockstep-gopath/src/kcplab/kcpgo561/kcp.go");
        String patched = Files.readString(copy, StandardCharsets.UTF_8);
        String original = Files.readString(Path.of("/usr/share/gocode/src/github.com/xtaci/kcp-go/kcp.go"),
                StandardCharsets.UTF_8);
        assertTrue(patched.contains("func currentMs() uint32 { return lockstepClock }"));
        assertTrue(!patched.contains("time.Since(refTime)"), "the wall clock must be gone");
        // apart from the generated comment lines on top, the copy is the original with one line replaced
        String body = patched.substring(patched.indexOf("package kcp"));
        assertTrue(patched.substring(0, patched.indexOf("package kcp")).lines().allMatch(l -> l.startsWith("//")),
                "only comment lines are added on top");
        assertEquals(original.replace(
                "func currentMs() uint32 { return uint32(time.Since(refTime) / time.Millisecond) }",
                "func currentMs() uint32 { return lockstepClock }"), body);
        assertTrue(!Files.exists(Path.of("interop/src/main/go/kcplockstep/kcp.go"))
                && !Files.exists(Path.of("src/main/go/kcplockstep/kcp.go")), "kcp-go's source must not enter the tree");
    }

    @Test
    void sameScriptGivesSameTranscriptAcrossProcesses() {
        try (KcpGoDriver one = KcpGoPeer.start(); KcpGoDriver two = KcpGoPeer.start()) {
            for (long seed = 0; seed < 30; seed++) {
                Script s = generator.generate(Draws.seeded(seed));
                Transcript a = one.run(s, true);
                assertEquals(a.lines(), two.run(s, true).lines(), "seed " + seed);
                assertEquals(a.lines(), one.run(s, true).lines(), "seed " + seed + " (same process, second run)");
                assertTrue(a.lines().size() >= s.size() * 3, "every op prints its line and two states");
            }
        }
    }

    @Test
    void transcriptShowsHandWrittenExchange() {
        Script s = Script.parse(String.join("\n",
                "begin 7", "A nodelay 1 10 2 1", "A send 100 5", "A update 0", "A update 10",
                "deliver A 0", "B recv 2000", "deliver A 0", "A flush", "A check 5", "A snmp", "end"));
        try (KcpGoDriver go = KcpGoPeer.start()) {
            Transcript t = go.run(s, true);
            int datagram = t.lines().indexOf("@2 A update 0") + 1;
            assertTrue(t.lines().get(datagram).startsWith("> A 0700000051002000"),
                    "PUSH conv 7, cmd 81, frg 0, wnd 32 (kcp-go's receive window): " + t.lines().get(datagram));
            assertTrue(t.lines().contains("= empty"), "the second deliver finds the channel empty");
            assertTrue(t.lines().stream().anyMatch(l -> l.startsWith("= 100 ")), "B receives 100 bytes");
            assertEquals("= 10", t.lines().get(t.lines().indexOf("@7 A flush") + 1), "flush returns its wake-up delay");
            assertEquals("= 15", t.lines().get(t.lines().indexOf("@8 A check 5") + 1),
                    "check at 5: 5 + min(interval 10, ts_flush 20 - 5)");
            assertEquals("= 0 1 0 0 0 0 0", t.lines().get(t.lines().indexOf("@9 A snmp") + 1), "one segment out");
        }
    }

    /** kcp-go traps beyond {@link Coverage}'s (which reads kcp-go's -2 from recv as "incomplete"). */
    enum Trap {
        FEC_INPUT, RESERVED_BYTES, RESERVE_REJECTED, FLUSH_FROM_INPUT, FRAGMENT_LIMIT_255, RECV_BUFFER_TOO_SMALL,
        FAST_RETRANSMIT, EARLY_RETRANSMIT, TIMEOUT_RETRANSMIT
    }

    static Map<Trap, Integer> traps(List<Script> scripts, KcpGoDriver go) {
        Map<Trap, Integer> count = new EnumMap<>(Trap.class);
        for (Script s : scripts) {
            boolean[] hit = new boolean[Trap.values().length];
            String op = "";
            for (String l : go.run(s, false).lines()) {
                assertTrue(!l.startsWith("!"), "the kcp-go driver rejected or panicked on a generated op: " + l
                        + " after '" + op + "' in\n" + s.toText());
                if (l.startsWith("@")) {
                    op = l.substring(l.indexOf(' ') + 1);
                } else if (l.startsWith("> ") && op.startsWith("deliver")) {
                    hit[Trap.FLUSH_FROM_INPUT.ordinal()] = true;
                } else if (l.startsWith("= ")) {
                    String r = l.substring(2);
                    hit[Trap.FEC_INPUT.ordinal()] |= op.startsWith("deliverfec") && r.equals("0");
                    hit[Trap.RESERVED_BYTES.ordinal()] |= op.contains(" reserve ") && r.equals("1")
                            && !op.endsWith(" reserve 0");
                    hit[Trap.RESERVE_REJECTED.ordinal()] |= op.contains(" reserve ") && r.equals("0");
                    hit[Trap.FRAGMENT_LIMIT_255.ordinal()] |= op.contains(" send ") && r.equals("-2");
                    hit[Trap.RECV_BUFFER_TOO_SMALL.ordinal()] |= op.contains(" recv ") && r.equals("-2");
                    if (op.endsWith(" snmp")) {
                        String[] f = r.split(" ");
                        hit[Trap.TIMEOUT_RETRANSMIT.ordinal()] |= !f[3].equals("0");
                        hit[Trap.FAST_RETRANSMIT.ordinal()] |= !f[4].equals("0");
                        hit[Trap.EARLY_RETRANSMIT.ordinal()] |= !f[5].equals("0");
                    }
                }
            }
            for (Trap t : Trap.values()) {
                if (hit[t.ordinal()]) {
                    count.merge(t, 1, Integer::sum);
                }
            }
        }
        return count;
    }

    @Test
    void generatedScriptsReachKcpGoTraps() {
        List<Script> scripts = new ArrayList<>();
        for (long seed = 0; seed < 500; seed++) {
            scripts.add(generator.generate(Draws.seeded(seed)));
        }
        Coverage coverage = new Coverage();
        Map<Trap, Integer> traps;
        try (KcpGoDriver go = KcpGoPeer.start()) {
            for (Script s : scripts) {
                coverage.record(s, go.run(s, false));
            }
            traps = traps(scripts, go);
        }
        for (Trap t : Trap.values()) {
            assertTrue(traps.getOrDefault(t, 0) > 0, "no generated script reached " + t + ": " + traps);
        }
        for (Coverage.Trap t : List.of(Coverage.Trap.DATA_DELIVERED, Coverage.Trap.INPUT_SHORT_OR_CONV,
                Coverage.Trap.INPUT_BAD_LENGTH, Coverage.Trap.INPUT_BAD_COMMAND, Coverage.Trap.RETRANSMISSION,
                Coverage.Trap.DEAD_LINK, Coverage.Trap.ZERO_REMOTE_WINDOW, Coverage.Trap.WINDOW_PROBE_PENDING,
                Coverage.Trap.CLOCK_WRAP)) {
            assertTrue(coverage.scripts(t) > 0, "no generated script reached " + t + ": " + coverage);
        }
        System.out.println("kcp-go traps in 500 scripts: " + traps + "; " + coverage);
    }

    /** Each kcp-go-only option changes kcp-go's behaviour in some scripts, so the suite's agreement means something. */
    @Test
    void kcpGoOptionsChangeTheTranscripts() {
        assertTrue(differing(op -> op.kind == Op.Kind.ACKNODELAY ? Op.of(Op.Kind.ACKNODELAY, op.endpoint, 0) : op) > 0,
                "ack-no-delay never mattered");
        assertTrue(differing(op -> op.kind == Op.Kind.DELIVERFEC
                        ? Op.of(Op.Kind.DELIVER, op.endpoint, op.arg(0)) : op) > 0,
                "regular = false never mattered");
        assertTrue(differing(op -> op.kind == Op.Kind.RESERVE ? Op.of(Op.Kind.RESERVE, op.endpoint, 0) : op) > 0,
                "reserved bytes never mattered");
    }

    /** Scripts (of 300) whose kcp-go transcript, op lines aside, changes when {@code change} is applied to each op. */
    private int differing(UnaryOperator<Op> change) {
        int n = 0;
        try (KcpGoDriver go = KcpGoPeer.start()) {
            for (long seed = 0; seed < 300; seed++) {
                Script s = generator.generate(Draws.seeded(seed));
                List<Op> changed = s.ops().stream().map(change).toList();
                if (changed.equals(s.ops())) {
                    continue;
                }
                List<String> a = withoutOpLines(go.run(s, false));
                List<String> b = withoutOpLines(go.run(new Script(s.conv, changed), false));
                if (!a.equals(b)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static List<String> withoutOpLines(Transcript t) {
        return t.lines().stream().filter(l -> !l.startsWith("@")).toList();
    }

    /** The harness can fail: the Java engine with the IKCP profile must diverge from kcp-go at once. */
    @Test
    void harnessDetectsAWrongProfile() {
        JavaRunner wrong = new JavaRunner(KcpProfile.IKCP, false);
        try (KcpGoDriver go = KcpGoPeer.start()) {
            Transcript.Divergence found = null;
            for (long seed = 0; seed < 20 && found == null; seed++) {
                Script s = generator.generate(Draws.seeded(seed));
                found = go.run(s, true).firstDivergence(wrong.run(s, true));
            }
            assertNotNull(found, "the IKCP Java engine never diverged from kcp-go");
        }
    }
}
