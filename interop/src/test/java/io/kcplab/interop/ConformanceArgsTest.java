package io.kcplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.BuildInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code kcplab conformance [SCRIPTS] [SEED]}: the arguments its help documents, and one line per mistake. */
class ConformanceArgsTest {

    @TempDir
    static Path tmp;

    @Test
    void scriptsThenSeedPositionallyOrSeedAsAnOption() {
        ConformanceArgs a = ConformanceArgs.parse(new String[] {"5", "7"});
        assertEquals(5, a.count());
        assertEquals(7L, a.seed());
        ConformanceArgs b = ConformanceArgs.parse(new String[] {"5", "--seed", "-3", "--profile", "plain"});
        assertEquals(-3L, b.seed());
        assertEquals("plain", b.profiles());
        ConformanceArgs d = ConformanceArgs.parse(new String[] {});
        assertEquals(1000, d.count());
        assertNull(d.seed(), "no seed given: the run draws one and prints it");
        assertTrue(ConformanceArgs.parse(new String[] {"--version"}).version());
        assertTrue(ConformanceArgs.parse(new String[] {"-h"}).help());
    }

    static Stream<Arguments> mistakes() throws IOException {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        return Stream.of(
                Arguments.of(new String[] {"0"}, "SCRIPTS: 0 is out of range; accepted: 1 or more"),
                Arguments.of(new String[] {"-5"}, "SCRIPTS: -5 is out of range"),
                Arguments.of(new String[] {"many"}, "SCRIPTS: 'many' is not a whole number"),
                Arguments.of(new String[] {"5", "x7"}, "SEED: 'x7' is not a whole number"),
                Arguments.of(new String[] {"5", "7", "9"}, "too many arguments: '9'"),
                Arguments.of(new String[] {"5", "7", "--seed", "8"}, "the seed is given twice"),
                Arguments.of(new String[] {"--seed"}, "--seed needs a value"),
                Arguments.of(new String[] {"--frobnicate"}, "unknown option '--frobnicate'"),
                Arguments.of(new String[] {"--profile", "fast"}, "--profile: unknown profile 'fast'"),
                Arguments.of(new String[] {"--min-ops", "10", "--max-ops", "5"}, "--max-ops 5 is less than --min-ops 10"),
                Arguments.of(new String[] {"--min-ops", "0"}, "--min-ops: 0 is out of range"),
                Arguments.of(new String[] {"--replay", tmp.resolve("none.script").toString()}, "none.script: not found"),
                Arguments.of(new String[] {"--replay", tmp.toString()}, tmp + " is a directory"),
                Arguments.of(new String[] {"--save-failures", file.toString()}, file + " is a file, not a folder"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakeIsOneLineAndExitTwo(String[] args, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConformanceArgs.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = ConformanceMain.run(args);
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("conformance: ") && text.contains(expected), text);
    }

    @Test
    void versionNamesTheCommit() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, ConformanceMain.run(new String[] {"-V"}));
        } finally {
            System.setOut(old);
        }
        assertEquals("kcplab conformance: KcpLab 0.1.0, commit " + BuildInfo.commit(),
                out.toString(StandardCharsets.UTF_8).strip());
        assertTrue(BuildInfo.commit().matches("[0-9a-f]{7,40}(-dirty)?|unknown"), BuildInfo.commit());
    }
}
