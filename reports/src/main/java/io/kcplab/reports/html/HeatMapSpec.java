package io.kcplab.reports.html;

import io.kcplab.reports.result.Metric;

/** One heat map of a sweep page: {@code metric} over settings {@code x} and {@code y}. */
public record HeatMapSpec(String x, String y, Metric metric) {
}
