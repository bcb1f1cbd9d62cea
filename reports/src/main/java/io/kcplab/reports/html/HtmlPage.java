package io.kcplab.reports.html;

import java.util.List;

/** The page frame: doctype, inline CSS (no external resources), title, links, then the sections. */
final class HtmlPage {

    static final String CSS = """
            :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bad: #b42318; --good: #067647; }
            * { box-sizing: border-box; }
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
                   max-width: 1200px; margin: 0 auto; padding: 24px; }
            h1 { font-size: 1.6em; margin: 0 0 4px; }
            h2 { font-size: 1.2em; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            .meta { color: var(--muted); margin: 0 0 12px; }
            nav a { margin-right: 16px; }
            pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 12px;
                  overflow-x: auto; font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .table-wrap { max-width: 100%; overflow-x: auto; margin: 8px 0; }
            table { border-collapse: collapse; font-size: 14px; }
            th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tbody tr:nth-child(even) { background: #fbfcfd; }
            .regression { color: var(--bad); font-weight: 600; }
            .pass { color: var(--good); }
            .verdict { font-size: 1.3em; font-weight: 700; padding: 8px 12px; border-radius: 6px; display: inline-block; }
            .verdict.pass { background: #ecfdf3; }
            .verdict.regression { background: #fef3f2; }
            figure { margin: 16px 0; }
            figure svg, figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
            figcaption { color: var(--muted); font-size: 13px; }
            .files { white-space: nowrap; }
            section.run { margin-top: 24px; }
            code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            """;

    private HtmlPage() {
    }

    static String render(String title, String metaLine, List<Link> links, String body) {
        StringBuilder sb = new StringBuilder(body.length() + 4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(Html.escape(title)).append("</h1>\n");
        if (!metaLine.isEmpty()) {
            sb.append("<p class=\"meta\">").append(Html.escape(metaLine)).append("</p>\n");
        }
        if (!links.isEmpty()) {
            sb.append("<nav>");
            for (Link l : links) {
                sb.append("<a href=\"").append(Html.escape(l.href())).append("\">").append(Html.escape(l.label()))
                        .append("</a>");
            }
            sb.append("</nav>\n");
        }
        // wide tables scroll inside their own box instead of widening the page
        sb.append(body.replace("<table", "<div class=\"table-wrap\"><table").replace("</table>", "</table></div>"))
                .append("</body>\n</html>\n");
        return sb.toString();
    }

    static String scenario(String text) {
        return text.isEmpty() ? "" : "<h2>Scenario</h2>\n<pre>" + Html.escape(text) + "</pre>\n";
    }
}
