package io.kcplab.reports.io;

import io.kcplab.reports.result.Metrics;
import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;
import io.kcplab.reports.testing.RandomResults;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

class ResultCsvTest {

    @Test
    void roundTripKeepsTheSummaryOfEveryRun() {
        qt().withExamples(RandomResults.examples(200)).forAll(longs().all()).checkAssert(seed -> {
            ResultSet set = new RandomResults(seed).resultSet();
            String csv = ResultCsv.toCsv(set);
            ResultSet back = ResultCsv.fromCsv(csv, set.metadata());
            assertEquals(set.summaryOnly(), back, "seed " + seed);
            assertEquals(csv, ResultCsv.toCsv(back), "seed " + seed + ": second write differs");
        });
    }

    @Test
    void oneRowPerRunWithSettingColumnsAndQuoting() {
        Metrics m = Metrics.builder().goodputBps(1.5e6).retransmissions(12).overhead(1.25).build();
        ResultSet set = new ResultSet(ResultMetadata.of("0.1.0", "t", 2), List.of(
                RunResult.summary(1, "b", "wifi", Settings.of("mode", "fast3", "fec", "10,3"), 2, "ab", 10, m),
                RunResult.summary(0, "a", "wifi", Settings.of("mode", "normal", "loss", "0.05"), 1, "cd", 10, m)));
        List<String> lines = ResultCsv.toCsv(set).lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("index,run_id,scenario,mode,loss,fec,seed,run_hash,duration_s,goodput_bps,"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("0,a,wifi,normal,0.05,,1,cd,10.0,1500000.0,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("1,b,wifi,fast3,,\"10,3\",2,ab,10.0,"), lines.get(2));
        assertTrue(lines.get(1).contains(",12,"), "counters print as integers: " + lines.get(1));
    }

    @Test
    void rejectsBadFilesNamingTheProblem() {
        ResultMetadata meta = ResultMetadata.of("0.1.0", "t", 0);
        var header = assertThrows(IllegalArgumentException.class, () -> ResultCsv.fromCsv("a,b,c\n", meta));
        assertTrue(header.getMessage().contains("must start with index,run_id,scenario"), header.getMessage());
        var column = assertThrows(IllegalArgumentException.class,
                () -> ResultCsv.fromCsv("index,run_id,scenario,seed,run_hash,duration_s,speed\n", meta));
        assertTrue(column.getMessage().contains("unknown CSV column 'speed'"), column.getMessage());
        var cell = assertThrows(IllegalArgumentException.class,
                () -> ResultCsv.fromCsv("index,run_id,scenario,seed,run_hash,duration_s,goodput_bps\n0,a,s,1,ab,1,fast\n", meta));
        assertTrue(cell.getMessage().contains("CSV row 2: goodput_bps: 'fast' is not a number"), cell.getMessage());
    }
}
