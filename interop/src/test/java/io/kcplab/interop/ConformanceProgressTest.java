package io.kcplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConformanceProgressTest {

    @Test
    void aLineEveryTenPercentOrFiveSecondsAndAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        ConformanceProgress p = new ConformanceProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000,
                nanos::get);
        for (int done = 1; done <= 250; done++) {
            nanos.addAndGet(10_000_000L); // 10 ms a script
            p.done(done);
        }
        nanos.addAndGet(6_000_000_000L); // a slow script: 5 s without a line gives one
        p.done(251);
        p.done(1000);
        assertEquals(List.of("progress: 100/1000 scripts, 10%, 1 s elapsed",
                "progress: 200/1000 scripts, 20%, 2 s elapsed",
                "progress: 251/1000 scripts, 25%, 9 s elapsed",
                "progress: 1000/1000 scripts, 100%, 9 s elapsed"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
