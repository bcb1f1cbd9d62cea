package io.kcplab.interop.lockstep;

import io.kcplab.interop.NativeIkcp;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every {@code src/test/resources/lockstep/*.script} on both C builds and the Java engine. Hand-written
 * scripts cover traps generated traffic reaches rarely; shrunk failures found by the generator belong here too.
 * A script may state what its C transcript must contain with {@code # expect: <text>} lines, so a script that
 * stops exercising its trap (e.g. after an edit) fails instead of passing vacuously.
 */
class LockstepReplayTest {

    static List<Path> scriptFiles() {
        return KcpGoReplayTest.scriptFiles("lockstep");
    }

    @Test
    void thereAreScriptsToReplay() {
        assertTrue(scriptFiles().size() >= 4, "expected the hand-written trap scripts, found " + scriptFiles());
    }

    @TestFactory
    Stream<DynamicTest> replayScripts() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : scriptFiles()) {
            for (NativeIkcp.Profile profile : NativeIkcp.Profile.values()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " [" + profile.id + "]", () -> {
                    String text = Files.readString(file);
                    Script script = Script.parse(text);
                    try (LockstepChecker checker = LockstepPeer.checker(profile)) {
                        Transcript c = checker.runC(script, true);
                        for (String line : text.lines().toList()) {
                            if (line.startsWith("# expect: ")) {
                                String want = line.substring("# expect: ".length()).strip();
                                assertTrue(c.lines().stream().anyMatch(l -> l.contains(want)),
                                        file.getFileName() + ": C transcript lacks '" + want + "':\n" + c.text());
                            }
                        }
                        assertFalse(c.lines().stream().anyMatch(l -> l.startsWith("!")),
                                "the C driver rejected a line:\n" + c.text());
                        Transcript.Divergence d = c.firstDivergence(checker.runJava(script, true));
                        assertNull(d, () -> file.getFileName() + " [" + profile.id + "]:\n" + d);
                    }
                }));
            }
        }
        return tests.stream();
    }
}
