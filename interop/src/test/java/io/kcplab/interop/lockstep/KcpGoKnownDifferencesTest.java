package io.kcplab.interop.lockstep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every place where the Java KCP_GO profile and kcp-go 5.6.1's kcp.go are known to disagree, each with the smallest
 * script that shows it. The generated suite ({@link KcpGoLockstepConformanceTest}) stays clear of them: they are
 * kcp-go behaviours that no sane caller reaches (a panic, an unsigned underflow) or that kcp-go's API cannot
 * express, so its scripts never generate them.
 */
class KcpGoKnownDifferencesTest {

    private static String answer(Transcript t, String op) {
        int i = t.lines().indexOf(op);
        assertTrue(i >= 0, "no '" + op + "' in\n" + t.text());
        return t.lines().get(i + 1);
    }

    private static List<String> datagrams(Transcript t, String op) {
        int i = t.lines().indexOf(op) + 1;
        return t.lines().subList(i, t.lines().size()).stream().takeWhile(l -> !l.startsWith("@"))
                .filter(l -> l.startsWith("> ")).toList();
    }

    /**
     * kcp-go: segment buffers come from sess.go's 1500-byte pool (mtuLimit), and the engine's SetMtu does not check
     * it (UDPSession.SetMtu does: it refuses mtu > 1500). With a larger MTU, a segment longer than 1500 bytes panics
     * (slice bounds out of range). The Java engine accepts an MTU up to 1 MiB. Not scriptable conformance: the
     * generator keeps mtu <= 1500, as every kcp-go session does.
     */
    @Test
    void mtuAboveThePoolBufferPanicsInKcpGo() {
        Script s = Script.parse("begin 1\nA mtu 2000\nA send 1600 1\nA update 0\nend\n");
        try (KcpGoChecker c = KcpGoPeer.checker()) {
            assertEquals("= 0", answer(c.runGo(s, false), "@0 A mtu 2000"));
            assertTrue(answer(c.runGo(s, false), "@1 A send 1600 1")
                    .startsWith("! kcp-go panicked: runtime error: slice bounds"));
            assertEquals("= 0", answer(c.runJava(s, false), "@1 A send 1600 1"));
        }
    }

    /**
     * kcp-go: lowering the MTU below a segment already queued makes flush emit an empty datagram and then panic
     * (the segment does not fit the new buffer). The Java engine grows its buffer and sends the oversized segment.
     * ikcp 1.7 corrupts its heap in the same situation, which is why ScriptGenerator only ever raises the MTU.
     */
    @Test
    void mtuBelowAQueuedSegmentPanicsInKcpGo() {
        Script s = Script.parse("begin 1\nA nodelay 0 10 0 1\nA send 1376 1\nA mtu 100\nA update 0\nend\n");
        try (KcpGoChecker c = KcpGoPeer.checker()) {
            Transcript go = c.runGo(s, true);
            assertEquals(List.of("> A -"), datagrams(go, "@3 A update 0"));
            assertTrue(go.lines().stream().anyMatch(l -> l.startsWith("! kcp-go panicked: runtime error: slice bounds")),
                    go.text());
            List<String> java = datagrams(c.runJava(s, true), "@3 A update 0");
            assertEquals(1, java.size());
            assertEquals(2 * 1400, java.get(0).length() - 4, "Java sends the whole 1400-byte datagram");
        }
    }

    /**
     * kcp-go's SetMtu checks the reserved bytes against the old MTU only, so ReserveBytes(30) then SetMtu(50)
     * underflows mss (50 - 24 - 30 as uint32) and answers 0; the Java engine answers -1 and keeps its MTU (a
     * following Send would panic in kcp-go). KcpGoScripts reserve after the MTU is set and only raise it later.
     */
    @Test
    void mtuBelowReservedBytesUnderflowsKcpGosMss() {
        Script s = Script.parse("begin 1\nA reserve 30\nA mtu 50\nend\n");
        try (KcpGoChecker c = KcpGoPeer.checker()) {
            assertEquals("= 1", answer(c.runGo(s, false), "@0 A reserve 30"));
            assertEquals("= 0", answer(c.runGo(s, false), "@1 A mtu 50"));
            assertEquals("= -1", answer(c.runJava(s, false), "@1 A mtu 50"));
        }
    }

    /**
     * Not an engine difference but a limit of kcp-go's API: its KCP has no Interval setter (the driver uses
     * NoDelay(-1, ms, -1, -1), which ignores a negative interval) and Send/Recv take slices, so negative lengths
     * cannot be passed. The driver answers "!" for these; the generator never produces them.
     */
    @Test
    void opsKcpGosApiCannotExpress() {
        Script s = Script.parse("begin 1\nA interval -5\nA send -1 0\nA recv -10\nA interval 5\nend\n");
        try (KcpGoDriver go = KcpGoPeer.start()) {
            Transcript t = go.run(s, false);
            assertTrue(answer(t, "@0 A interval -5").startsWith("! kcp-go has no interval setter"));
            assertTrue(answer(t, "@1 A send -1 0").startsWith("! kcp-go's Send takes a slice"));
            assertTrue(answer(t, "@2 A recv -10").startsWith("! kcp-go's Recv takes a slice"));
            assertEquals("= 0", answer(t, "@3 A interval 5"), "clamped to 10 like the Java engine's setInterval");
        }
    }
}
