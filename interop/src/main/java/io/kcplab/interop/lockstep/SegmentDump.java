package io.kcplab.interop.lockstep;

import java.util.HexFormat;

/** Decodes the 24-byte KCP headers of a datagram printed in hex, to make a byte divergence readable. */
final class SegmentDump {

    private SegmentDump() {
    }

    /** For two "> X hex" lines: each side's segments, decoded; empty if the lines are not hex datagrams. */
    static String explainDatagrams(String expected, String actual) {
        byte[] e = hexDatagram(expected);
        byte[] a = hexDatagram(actual);
        if (e == null && a == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (e != null) {
            sb.append("  C segments   : ").append(describe(e)).append('\n');
        }
        if (a != null) {
            sb.append("  Java segments: ").append(describe(a)).append('\n');
        }
        return sb.toString();
    }

    private static byte[] hexDatagram(String line) {
        String[] t = line.split(" ");
        if (t.length != 3 || !t[0].equals(">")) {
            return null;
        }
        if (t[2].equals("-")) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(t[2]);
        } catch (IllegalArgumentException ex) {
            return null; // hash mode: "> X len fnv" has 4 tokens, so this is not reached for it
        }
    }

    static String describe(byte[] d) {
        StringBuilder sb = new StringBuilder();
        int p = 0;
        while (d.length - p >= 24) {
            long conv = u32(d, p);
            int cmd = d[p + 4] & 0xff;
            int frg = d[p + 5] & 0xff;
            int wnd = (d[p + 6] & 0xff) | (d[p + 7] & 0xff) << 8;
            long ts = u32(d, p + 8);
            long sn = u32(d, p + 12);
            long una = u32(d, p + 16);
            long len = u32(d, p + 20);
            sb.append(String.format("[conv=%d cmd=%d frg=%d wnd=%d ts=%d sn=%d una=%d len=%d] ",
                    conv, cmd, frg, wnd, ts, sn, una, len));
            p += 24 + (int) Math.min(len, d.length - p - 24);
        }
        if (p < d.length) {
            sb.append("+").append(d.length - p).append(" trailing bytes");
        }
        return sb.toString();
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
    }
}
