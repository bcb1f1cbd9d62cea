package io.kcplab.reports.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Orders the values of one setting for an axis: numerically when all are numbers, else as first seen. */
final class SettingAxis {

    private SettingAxis() {
    }

    static List<String> order(LinkedHashSet<String> seen) {
        List<String> values = new ArrayList<>(seen);
        if (values.stream().allMatch(SettingAxis::isNumber)) {
            values.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return List.copyOf(values);
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
