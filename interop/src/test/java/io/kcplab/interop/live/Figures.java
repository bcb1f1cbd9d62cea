package io.kcplab.interop.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one-line figures the live tests print, collected so that each class can print its table at the end. */
final class Figures {

    private final String title;
    private final List<String> lines = new ArrayList<>();

    Figures(String title) {
        this.title = title;
    }

    static String mib(long bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    /** Prints {@code line} now and keeps it for {@link #printTable}. */
    synchronized void add(String line) {
        System.out.println(line);
        lines.add(line);
    }

    synchronized void printTable() {
        if (lines.isEmpty()) {
            return;
        }
        System.out.println("---- " + title + " (" + lines.size() + " runs) ----");
        lines.forEach(System.out::println);
        System.out.println("----");
    }
}
