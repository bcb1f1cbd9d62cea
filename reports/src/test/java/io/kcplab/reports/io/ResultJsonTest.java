package io.kcplab.reports.io;

import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.testing.RandomResults;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

class ResultJsonTest {

    @Test
    void roundTripKeepsEveryFieldAndIsByteStable() {
        qt().withExamples(RandomResults.examples(200)).forAll(longs().all()).checkAssert(seed -> {
            ResultSet set = new RandomResults(seed).resultSet();
            String json = ResultJson.toJson(set);
            ResultSet back = ResultJson.fromJson(json);
            assertEquals(set, back, "seed " + seed);
            assertEquals(json, ResultJson.toJson(back), "seed " + seed + ": second write differs");
        });
    }

    @Test
    void outputUsesFixedLayoutWithUnixLineEnds() {
        ResultSet set = new RandomResults(42).resultSet();
        String json = ResultJson.toJson(set);
        assertFalse(json.contains("\r"));
        assertTrue(json.startsWith("{\n  \"format\" : \"kcplab-results\",\n  \"format_version\" : 1,"), json);
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void rejectsOtherFilesWithClearMessages() {
        var notJson = assertThrows(IllegalArgumentException.class, () -> ResultJson.fromJson("{oops"));
        assertTrue(notJson.getMessage().startsWith("not valid JSON"), notJson.getMessage());

        var wrongFormat = assertThrows(IllegalArgumentException.class, () -> ResultJson.fromJson("{\"format\":\"x\"}"));
        assertTrue(wrongFormat.getMessage().contains("expected 'kcplab-results'"), wrongFormat.getMessage());

        String good = ResultJson.toJson(new RandomResults(7).resultSet());
        var newer = assertThrows(IllegalArgumentException.class,
                () -> ResultJson.fromJson(good.replace("\"format_version\" : 1", "\"format_version\" : 9")));
        assertTrue(newer.getMessage().contains("version 9 is not supported"), newer.getMessage());
    }

    @Test
    void badFieldIsNamedByItsPath() {
        ResultSet set = null;
        for (long seed = 0; set == null || set.runs().isEmpty(); seed++) {
            set = new RandomResults(seed).resultSet();
        }
        String json = ResultJson.toJson(set).replaceFirst("\"retransmissions\" : \\d+", "\"retransmissions\" : \"many\"");
        var e = assertThrows(IllegalArgumentException.class, () -> ResultJson.fromJson(json));
        assertTrue(e.getMessage().contains("$.runs[0].total.retransmissions must be an integer"), e.getMessage());
    }
}
