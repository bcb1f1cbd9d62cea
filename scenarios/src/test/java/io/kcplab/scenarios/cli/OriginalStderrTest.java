package io.kcplab.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where System.err goes when ./kcplab hands over the real stderr (the script's fd 3). */
class OriginalStderrTest {

    @Test
    void sameFileAsStdoutWritesThroughStdoutOtherFilesAreAppendedUnreachableIsKept(@TempDir Path tmp)
            throws IOException {
        Path log = Files.writeString(tmp.resolve("all.log"), "");
        Path other = Files.writeString(tmp.resolve("err.log"), "");
        Path link = Files.createSymbolicLink(tmp.resolve("fd3"), log); // as /proc/self/fd/3 -> all.log
        // `> all.log 2>&1`: both descriptors name one file, so a second offset would overwrite stdout's text
        assertEquals(OriginalStderr.Route.STDOUT, OriginalStderr.route(link, log));
        // `> out.log 2> err.log`: stderr has a file of its own
        assertEquals(OriginalStderr.Route.REOPEN, OriginalStderr.route(other, log));
        // no such descriptor, or one that is not a writable file: keep the filtered stderr
        assertEquals(OriginalStderr.Route.KEEP, OriginalStderr.route(tmp.resolve("missing"), log));
        assertEquals(OriginalStderr.Route.KEEP, OriginalStderr.route(tmp, log));
    }
}
