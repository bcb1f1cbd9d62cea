package io.kcplab.reports.html;

/** A link shown at the top of a report, e.g. to the CSV/JSON files written beside it. */
public record Link(String label, String href) {
}
