package io.kcplab.interop.lockstep;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays hand-written scripts on kcp-go 5.6.1 and on the Java KCP_GO profile: every
 * {@code src/test/resources/lockstep-kcpgo/*.script} (kcp-go traps and shrunk failures; their {@code # expect: <text>}
 * lines must appear in the kcp-go transcript) and every {@code src/test/resources/lockstep/*.script} of the C suite
 * (their expectations are ikcp's, so only the kcp-go/Java agreement is checked for them).
 */
class KcpGoReplayTest {

    static List<Path> scriptFiles(String folder) {
        URL dir = KcpGoReplayTest.class.getResource("/" + folder);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".script")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thereAreScriptsToReplay() {
        assertTrue(scriptFiles("lockstep-kcpgo").size() >= 1, "no kcp-go trap scripts found");
        assertTrue(scriptFiles("lockstep").size() >= 4, "no C trap scripts found");
    }

    @TestFactory
    Stream<DynamicTest> replayScripts() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String folder : List.of("lockstep-kcpgo", "lockstep")) {
            boolean ownExpectations = folder.equals("lockstep-kcpgo");
            for (Path file : scriptFiles(folder)) {
                tests.add(DynamicTest.dynamicTest(folder + "/" + file.getFileName(), () -> {
                    String text = Files.readString(file);
                    Script script = Script.parse(text);
                    try (KcpGoChecker checker = KcpGoPeer.checker()) {
                        Transcript go = checker.runGo(script, true);
                        if (ownExpectations) {
                            for (String line : text.lines().toList()) {
                                if (line.startsWith("# expect: ")) {
                                    String want = line.substring("# expect: ".length()).strip();
                                    assertTrue(go.lines().stream().anyMatch(l -> l.contains(want)),
                                            file.getFileName() + ": kcp-go transcript lacks '" + want + "':\n"
                                                    + go.text());
                                }
                            }
                            assertFalse(go.lines().stream().anyMatch(l -> l.startsWith("!")),
                                    "the kcp-go driver rejected a line:\n" + go.text());
                        }
                        Transcript.Divergence d = go.firstDivergence(checker.runJava(script, true));
                        assertNull(d, () -> folder + "/" + file.getFileName() + ":\n" + KcpGoChecker.describe(d));
                    }
                }));
            }
        }
        return tests.stream();
    }
}
