package io.kcplab.reports.html;

import io.kcplab.reports.result.RunResult;
import io.kcplab.reports.result.Settings;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Each configuration's protocol parameters as the runs recorded them (engine, nodelay, interval, resend, nc,
 * sndwnd, rcvwnd, mtu, fec, …): what a preset name such as "fast3" stands for, side by side. Rows are numbered
 * in configuration order (the numbers a big sweep's bar charts use). Empty when no run recorded parameters
 * (results of older versions).
 */
final class ParameterTable {

    private ParameterTable() {
    }

    /** {@code href}: the configuration's own page or section (null: no link). */
    static String html(Map<Settings, List<RunResult>> configurations, Function<Settings, String> href) {
        Set<String> names = new LinkedHashSet<>();
        configurations.values().forEach(runs -> names.addAll(runs.get(0).protocol().keySet()));
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<table class=\"parameters\">\n<thead><tr><th>#</th><th>configuration</th>");
        names.forEach(n -> sb.append("<th>").append(Html.escape(n)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        int[] number = {0};
        configurations.forEach((settings, runs) -> {
            sb.append("<tr><td class=\"num\">").append(++number[0]).append("</td>");
            String label = Html.escape(settings.isEmpty() ? runs.get(0).scenario() : settings.label());
            String link = href.apply(settings);
            sb.append("<td>").append(link == null ? label : "<a href=\"" + Html.escape(link) + "\">" + label
                    + "</a>").append("</td>");
            Map<String, String> p = runs.get(0).protocol();
            names.forEach(n -> sb.append("<td>").append(Html.escape(p.getOrDefault(n, "–"))).append("</td>"));
            sb.append("</tr>\n");
        });
        return sb.append("</tbody>\n</table>\n").toString();
    }
}
