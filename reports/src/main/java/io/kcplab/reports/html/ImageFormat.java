package io.kcplab.reports.html;

/** How charts are embedded in a page: both keep the page self-contained. */
public enum ImageFormat {
    /** Inline {@code <svg>} elements: crisp at any zoom, text searchable. */
    SVG,
    /** {@code <img src="data:image/png;base64,...">}. */
    PNG
}
