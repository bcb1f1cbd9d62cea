package io.kcplab.interop;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line entry point: summary, exit codes, argument errors. */
class ConformanceMainTest {

    @Test
    void smallRunPrintsSummaryAndExitsZero() {
        String tools = NativeIkcp.missingTools();
        if (tools != null) {
            PeerAvailability.missing("C ikcp peer (gcc + npm)", tools, NativeIkcp.INSTALL_HINT);
        }
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = ConformanceMain.run(new String[] {"20", "--seed", "7"});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(code == 0 || code == 1, out);
        assertTrue(out.contains("scripts    : 20 "), out);
        assertTrue(out.contains("seed       : 7"), out);
        assertTrue(out.contains(code == 0 ? "RESULT: CONFORMANT" : "RESULT: MISMATCH"), out);
        assertEquals(0, code, "the Java engine diverges from C ikcp:\n" + out);
    }

    @Test
    void badArgumentsExitTwo() {
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(2, ConformanceMain.run(new String[] {"--profile", "fast"}));
            assertEquals(2, ConformanceMain.run(new String[] {"--min-ops", "10", "--max-ops", "5"}));
            assertEquals(2, ConformanceMain.run(new String[] {"many"}));
        } finally {
            System.setErr(old);
        }
    }
}
