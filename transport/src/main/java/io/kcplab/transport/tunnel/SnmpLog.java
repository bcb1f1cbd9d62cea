package io.kcplab.transport.tunnel;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * kcptun's {@code --snmplog}: every period, append one CSV row {@code Unix,BytesSent,…,FECShortShards} (kcp-go's
 * SNMP counters, cumulative since start, as kcptun: it never resets them) to a file, writing the header first when
 * the file is empty. As kcptun, the file name (not the directory) is a Go time layout: {@code 2006} year, {@code 01}
 * month, {@code 02} day, {@code 15} hour, {@code 04} minute, {@code 05} second, so {@code ./snmp-20060102.log} starts a
 * file a day.
 */
public final class SnmpLog {

    /** kcp-go's SNMP header, in kcptun's CSV order. */
    public static final List<String> HEADER = List.of("BytesSent", "BytesReceived", "MaxConn", "ActiveOpens",
            "PassiveOpens", "CurrEstab", "InErrs", "InCsumErrors", "KCPInErrors", "InPkts", "OutPkts", "InSegs",
            "OutSegs", "InBytes", "OutBytes", "RetransSegs", "FastRetransSegs", "EarlyRetransSegs", "LostSegs",
            "RepeatSegs", "FECParityShards", "FECErrs", "FECRecovered", "FECShortShards");

    private SnmpLog() {
    }

    /** The file for {@code pattern} at {@code now}: the name part formatted as a Go time layout. */
    public static Path file(String pattern, ZonedDateTime now) {
        Path p = Path.of(pattern);
        Path name = p.getFileName();
        String formatted = goFormat(name == null ? "" : name.toString(), now);
        Path parent = p.getParent();
        return parent == null ? Path.of(formatted) : parent.resolve(formatted);
    }

    static String goFormat(String layout, ZonedDateTime t) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            if (layout.startsWith("2006", i)) {
                sb.append(String.format("%04d", t.getYear()));
                i += 4;
                continue;
            }
            String two = i + 2 <= layout.length() ? layout.substring(i, i + 2) : "";
            String v = switch (two) {
                case "01" -> String.format("%02d", t.getMonthValue());
                case "02" -> String.format("%02d", t.getDayOfMonth());
                case "15" -> String.format("%02d", t.getHour());
                case "04" -> String.format("%02d", t.getMinute());
                case "05" -> String.format("%02d", t.getSecond());
                default -> null;
            };
            if (v != null) {
                sb.append(v);
                i += 2;
            } else {
                sb.append(layout.charAt(i++));
            }
        }
        return sb.toString();
    }

    /** Appends one row (and the header if the file is empty) for the counters in {@code snmp}. */
    public static void append(Path file, long unixSeconds, Map<String, Long> snmp) throws IOException {
        boolean empty = !Files.exists(file) || Files.size(file) == 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (empty) {
                w.write("Unix," + String.join(",", HEADER) + "\n");
            }
            List<String> row = new ArrayList<>();
            row.add(Long.toString(unixSeconds));
            for (String h : HEADER) {
                row.add(Long.toString(snmp.getOrDefault(h, 0L)));
            }
            w.write(String.join(",", row) + "\n");
        }
    }

    /** Starts a daemon thread writing a row every {@code periodSeconds}; returns it (interrupt to stop). */
    public static Thread start(String pattern, int periodSeconds, Supplier<Map<String, Long>> snmp,
            java.util.function.Consumer<String> log) {
        return Threads.daemon("tunnel-snmplog", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(periodSeconds * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                ZonedDateTime now = ZonedDateTime.now();
                try {
                    append(file(pattern, now), now.toEpochSecond(), snmp.get());
                } catch (IOException e) {
                    log.accept("snmplog: " + e.getMessage());
                    return;
                }
            }
        });
    }
}
