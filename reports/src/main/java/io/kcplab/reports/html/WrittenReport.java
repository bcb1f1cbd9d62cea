package io.kcplab.reports.html;

import java.nio.file.Path;

/** The files {@link HtmlReport#write} produced. */
public record WrittenReport(Path html, Path json, Path csv) {
}
