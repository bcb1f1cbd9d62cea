package io.kcplab.interop.lockstep;

import io.kcplab.interop.NativeIkcp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The C side alone: the build, the driver's determinism, the two builds being different, bench mode. */
class NativeDriverTest {

    private final ScriptGenerator generator = new ScriptGenerator(200, 300);

    @Test
    void buildIsCachedAndVerified() throws IOException {
        Path first = LockstepPeer.driver(NativeIkcp.Profile.PLAIN);
        long stamp = Files.getLastModifiedTime(first).toMillis();
        Path again = NativeIkcp.driver(NativeIkcp.Profile.PLAIN);
        assertEquals(first, again);
        assertEquals(stamp, Files.getLastModifiedTime(again).toMillis(), "an unchanged driver must not be rebuilt");
        Path tarball = NativeIkcp.nativeDir().resolve(NativeIkcp.TARBALL);
        assertTrue(Files.exists(tarball), "the npm tarball is cached next to the binaries");
        assertEquals(NativeIkcp.TARBALL_SHA256, sha256(tarball));
    }

    @Test
    void sameScriptGivesSameTranscriptAcrossProcesses() {
        try (NativeDriver one = LockstepPeer.start(NativeIkcp.Profile.PLAIN);
             NativeDriver two = LockstepPeer.start(NativeIkcp.Profile.PLAIN)) {
            for (long seed = 0; seed < 30; seed++) {
                Script s = generator.generate(Draws.seeded(seed));
                Transcript a = one.run(s, true);
                Transcript b = two.run(s, true);
                Transcript c = one.run(s, true);
                assertEquals(a.lines(), b.lines(), "seed " + seed);
                assertEquals(a.lines(), c.lines(), "seed " + seed + " (same process, second run)");
                assertTrue(a.lines().size() >= s.size() * 3, "every op prints its line and two states");
            }
        }
    }

    @Test
    void fastAckConserveBuildBehavesDifferently() {
        int differing = 0;
        try (NativeDriver plain = LockstepPeer.start(NativeIkcp.Profile.PLAIN);
             NativeDriver conserve = LockstepPeer.start(NativeIkcp.Profile.CONSERVE)) {
            for (long seed = 0; seed < 300; seed++) {
                Script s = generator.generate(Draws.seeded(seed));
                if (plain.run(s, false).firstDivergence(conserve.run(s, false)) != null) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 0, "IKCP_FASTACK_CONSERVE must change some of 300 transcripts, changed none");
    }

    @Test
    void generatedScriptsReachEveryTrap() {
        Coverage coverage = new Coverage();
        try (NativeDriver c = LockstepPeer.start(NativeIkcp.Profile.PLAIN)) {
            for (long seed = 0; seed < 1000; seed++) {
                Script s = generator.generate(Draws.seeded(seed));
                coverage.record(s, c.run(s, false));
            }
        }
        for (Coverage.Trap t : Coverage.Trap.values()) {
            assertTrue(coverage.scripts(t) > 0, "no generated script reached " + t + ": " + coverage);
        }
        assertTrue(coverage.scripts(Coverage.Trap.DATA_DELIVERED) > 500, coverage.toString());
        assertTrue(coverage.scripts(Coverage.Trap.ZERO_REMOTE_WINDOW) > 50, coverage.toString());
    }

    @Test
    void transcriptShowsHandWrittenExchange() {
        Script s = Script.parse(String.join("\n",
                "begin 7", "A nodelay 1 10 2 1", "A send 100 5", "A update 0", "A update 10",
                "deliver A 0", "B recv 2000", "deliver A 0", "end"));
        try (NativeDriver c = LockstepPeer.start(NativeIkcp.Profile.PLAIN)) {
            Transcript t = c.run(s, true);
            // nodelay(…, nc=1) ignores cwnd, so the very first flush (update 0) already sends the segment
            int datagram = t.lines().indexOf("@2 A update 0") + 1;
            assertTrue(datagram > 0, t.text());
            assertTrue(t.lines().get(datagram).startsWith("> A 0700000051008000"),
                    "PUSH conv 7, cmd 81, frg 0, wnd 128: " + t.lines().get(datagram));
            assertEquals(24 + 100, (t.lines().get(datagram).length() - 4) / 2);
            assertTrue(t.lines().contains("= empty"), "the second deliver finds the channel empty");
            assertTrue(t.lines().stream().anyMatch(l -> l.startsWith("= 100 ")), "B receives 100 bytes");
        }
    }

    @Test
    void benchModeReportsThroughput() throws Exception {
        Path exe = LockstepPeer.driver(NativeIkcp.Profile.PLAIN);
        for (String loss : new String[] {"0", "5"}) {
            Process p = new ProcessBuilder(exe.toString(), "bench", loss, "5", "1").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            Matcher m = Pattern.compile("bytes=(\\d+) virtual_ms=(\\d+) .*MiB/s=([0-9.]+)").matcher(out);
            assertTrue(m.find(), out);
            long bytes = Long.parseLong(m.group(1));
            assertTrue(bytes >= 5L << 20 && bytes < (5L << 20) + 2048 * 1376, "timed transfer of 5 MiB: " + out);
            assertTrue(Long.parseLong(m.group(2)) > 0, out);
            assertTrue(Double.parseDouble(m.group(3)) > 0, out);
        }
    }

    private static String sha256(Path p) throws IOException {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
