package io.kcplab.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress as CI logs and terminals see it, on a hand-driven clock (no sleeping, no timing flakiness). */
class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, false, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void plainLinesEveryTenPercentOrFiveSecondsFlushedAtOnce() {
        Progress p = new Progress(err, 40, false, nanos::get); // not started: the test ticks by hand
        for (int i = 1; i <= 3; i++) {
            nanos.addAndGet(100_000_000L);
            p.completed(); // 7.5 %: not yet a line
        }
        assertEquals(List.of(), lines(), "no line before 10 % or 5 s");
        p.completed(); // 4/40 = 10 %
        assertEquals(List.of("progress: 4/40 runs, 10%, 0 s elapsed, ETA 3 s"), lines());
        nanos.addAndGet(6_000_000_000L);
        p.tick(); // still 10 %, but 5 s have passed: a heartbeat line
        assertEquals("progress: 4/40 runs, 10%, 6 s elapsed, ETA 57 s", lines().get(1));
        p.tick();
        assertEquals(2, lines().size(), "no repeat without progress or time");
        for (int i = 5; i <= 40; i++) {
            p.completed();
        }
        List<String> all = lines();
        assertEquals("progress: 40/40 runs, 100%, 6 s elapsed, ETA 0 s", all.get(all.size() - 1));
        assertEquals(2 + 9, all.size(), "one line per 10 % step: " + all);
        p.tick();
        p.finish();
        assertEquals(all, lines(), "nothing after the 100 % line");
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage returns in a log");
    }

    @Test
    void aSingleLongRunReportsItsSimulatedTime() {
        Progress p = new Progress(err, 1, false, nanos::get);
        AtomicLong simulated = new AtomicLong();
        Progress.Run run = p.begin(simulated::get, 10_000_000L);
        for (int s = 1; s <= 9; s++) {
            simulated.set(s * 1_000_000L);
            nanos.addAndGet(1_000_000_000L);
            p.tick();
        }
        List<String> got = lines();
        assertEquals(9, got.size(), "one line per 10 %: " + got);
        assertEquals("progress: 0/1 runs, 10% (simulated 1.0 s of 10.0 s), 1 s elapsed, ETA 9 s", got.get(0));
        assertEquals("progress: 0/1 runs, 90% (simulated 9.0 s of 10.0 s), 9 s elapsed, ETA 1 s",
                got.get(got.size() - 1));
        p.completed(run);
        assertEquals("progress: 1/1 runs, 100%, 9 s elapsed, ETA 0 s", lines().get(lines().size() - 1));
    }

    @Test
    void aTerminalGetsOneRedrawnBar() {
        Progress p = new Progress(err, 4, true, nanos::get);
        for (int i = 0; i < 4; i++) {
            nanos.addAndGet(200_000_000L);
            p.completed();
        }
        p.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line, ended at finish");
        assertTrue(text.contains("[##############################] 4/4 runs 100%"), text);
    }
}
