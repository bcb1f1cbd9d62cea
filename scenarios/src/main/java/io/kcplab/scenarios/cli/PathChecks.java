package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the paths a command will write, before any simulation runs: a typo in {@code --out} should cost a second,
 * not an hour of sweeping followed by a stack trace. Each failure is one line naming the option and the path
 * (exit 2).
 */
final class PathChecks {

    private PathChecks() {
    }

    /**
     * An output folder: created if missing (with its parents, as {@code mkdir -p}), so the nearest existing
     * ancestor must be a writable folder; an existing {@code dir} must be a writable folder, not a file.
     */
    static void outputFolder(String option, Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new ScenarioException(option + ": " + dir + " is a file, not a folder");
            }
            if (!Files.isWritable(dir)) {
                throw new ScenarioException(option + ": " + dir + " is not writable");
            }
            return;
        }
        Path ancestor = dir.toAbsolutePath().normalize().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new ScenarioException(option + ": " + dir + " cannot be created (no existing parent folder)");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new ScenarioException(option + ": " + dir + " cannot be created: " + ancestor
                    + " is a file, not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new ScenarioException(option + ": " + dir + " cannot be created: " + ancestor
                    + " is not writable");
        }
    }

    /** An output file: its folder must exist and be writable; an existing {@code file} must not be a folder. */
    static void outputFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(option + ": " + file + " is a directory; give a file name");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new ScenarioException(option + ": " + file + " is not writable");
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.exists(parent)) {
            throw new ScenarioException(option + ": " + file + ": folder " + parent + " not found");
        }
        if (!Files.isDirectory(parent)) {
            throw new ScenarioException(option + ": " + file + ": " + parent + " is a file, not a folder");
        }
        if (!Files.exists(file) && !Files.isWritable(parent)) {
            throw new ScenarioException(option + ": " + file + ": folder " + parent + " is not writable");
        }
    }
}
