package io.kcplab.scenarios.cli;

import io.kcplab.reports.io.ResultJson;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.scenarios.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers shared by the commands. */
final class Common {

    private Common() {
    }

    /** A results.json file, or a folder holding one. */
    static ResultSet readResults(String fileOrDir) {
        Path p = Path.of(fileOrDir);
        if (!Files.exists(p)) {
            throw new ScenarioException(fileOrDir + ": not found");
        }
        if (Files.isDirectory(p)) {
            p = p.resolve(ReportWriter.JSON);
            if (!Files.exists(p)) {
                throw new ScenarioException(fileOrDir + " is a directory without " + ReportWriter.JSON
                        + "; give a results file or the folder a run wrote");
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new ScenarioException("'" + fileOrDir + "' is not a results file or a folder with "
                    + ReportWriter.JSON);
        }
        try {
            return ResultJson.read(p);
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + p + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(p + " is not a KcpLab result file: " + e.getMessage());
        }
    }

    static int threads(Integer requested) {
        if (requested == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (requested < 1) {
            throw new ScenarioException("--threads: " + requested + " is out of range; accepted: 1 or more");
        }
        return requested;
    }
}
