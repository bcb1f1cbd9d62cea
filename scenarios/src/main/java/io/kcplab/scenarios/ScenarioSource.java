package io.kcplab.scenarios;

import io.kcplab.scenarios.library.ScenarioLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a scenario and where it came from.
 *
 * @param defaultName the scenario's name unless the file sets {@code name:} (file name without extension)
 * @param origin      "scenarios/x.yaml" or "built-in presets-lossy", for messages
 */
public record ScenarioSource(String defaultName, String text, String origin) {

    /** A file path, or the name of a built-in scenario. */
    public static ScenarioSource resolve(String fileOrName) {
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            return file(p);
        }
        String text = ScenarioLibrary.text(fileOrName);
        if (text != null) {
            return new ScenarioSource(fileOrName, text, "built-in " + fileOrName);
        }
        if (Files.isDirectory(p)) {
            throw new ScenarioException(fileOrName + " is a directory; give a scenario file (.yaml) or a built-in name");
        }
        if (looksLikeAFile(fileOrName)) {
            throw new ScenarioException(fileOrName + ": not found (no such scenario file)");
        }
        throw new ScenarioException("'" + fileOrName + "' is neither a scenario file nor a built-in scenario; "
                + "built-in scenarios: " + String.join(", ", ScenarioLibrary.names()) + " (see: kcplab list)");
    }

    /** A name with a folder or a YAML extension is a file name, never a built-in scenario's name. */
    private static boolean looksLikeAFile(String text) {
        return text.contains("/") || text.contains(java.io.File.separator) || text.matches("(?i).*\\.ya?ml");
    }

    public static ScenarioSource file(Path p) {
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String name = p.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
            if (!name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
                name = "scenario";
            }
            return new ScenarioSource(name, text, p.toString());
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario file " + p + ": " + e.getMessage());
        }
    }

    public static ScenarioSource text(String name, String text) {
        return new ScenarioSource(name, text, name);
    }
}
