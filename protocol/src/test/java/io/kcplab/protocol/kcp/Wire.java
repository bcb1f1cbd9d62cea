package io.kcplab.protocol.kcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: captures emitted datagrams, decodes KCP headers, builds crafted datagrams. */
final class Wire implements KcpOutput {
    static final int CONV = 0x11223344;

    record Seg(int conv, int cmd, int frg, int wnd, int ts, int sn, int una, int len, byte[] data) {
        static Seg ack(int sn, int ts, int una, int wnd) {
            return new Seg(CONV, Kcp.CMD_ACK, 0, wnd, ts, sn, una, 0, new byte[0]);
        }

        static Seg push(int sn, int frg, int ts, int una, byte[] data) {
            return new Seg(CONV, Kcp.CMD_PUSH, frg, 128, ts, sn, una, data.length, data);
        }

        static Seg cmd(int cmd, int wnd) {
            return new Seg(CONV, cmd, 0, wnd, 0, 0, 0, 0, new byte[0]);
        }
    }

    final List<byte[]> datagrams = new ArrayList<>();

    @Override
    public void output(byte[] buf, int off, int len) {
        if (len <= 0) {
            throw new AssertionError("engine emitted an empty datagram");
        }
        datagrams.add(Arrays.copyOfRange(buf, off, off + len));
    }

    void clear() {
        datagrams.clear();
    }

    /** All segments of all captured datagrams, skipping {@code reserved} leading bytes of each. */
    List<Seg> segments(int reserved) {
        List<Seg> out = new ArrayList<>();
        for (byte[] d : datagrams) {
            out.addAll(decode(d, reserved));
        }
        return out;
    }

    List<Seg> segments() {
        return segments(0);
    }

    List<Seg> segments(int cmd, int reserved) {
        return segments(reserved).stream().filter(s -> s.cmd() == cmd).toList();
    }

    static List<Seg> decode(byte[] d, int reserved) {
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        b.position(reserved);
        List<Seg> out = new ArrayList<>();
        while (b.remaining() >= 24) {
            int conv = b.getInt();
            int cmd = b.get() & 0xff;
            int frg = b.get() & 0xff;
            int wnd = b.getShort() & 0xffff;
            int ts = b.getInt();
            int sn = b.getInt();
            int una = b.getInt();
            int len = b.getInt();
            byte[] data = new byte[len];
            b.get(data);
            out.add(new Seg(conv, cmd, frg, wnd, ts, sn, una, len, data));
        }
        if (b.hasRemaining()) {
            throw new AssertionError("trailing bytes in datagram");
        }
        return out;
    }

    static byte[] encode(Seg... segs) {
        int size = 0;
        for (Seg s : segs) {
            size += 24 + s.data().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (Seg s : segs) {
            b.putInt(s.conv()).put((byte) s.cmd()).put((byte) s.frg()).putShort((short) s.wnd())
                    .putInt(s.ts()).putInt(s.sn()).putInt(s.una()).putInt(s.len()).put(s.data());
        }
        return b.array();
    }

    static int input(Kcp kcp, Seg... segs) {
        byte[] d = encode(segs);
        return kcp.input(d, 0, d.length);
    }

    static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** Delivers every captured datagram of {@code from} to {@code to} and clears the capture. */
    static void deliver(Wire from, Kcp to) {
        for (byte[] d : from.datagrams) {
            int r = to.input(d, 0, d.length);
            if (r != 0) {
                throw new AssertionError("input returned " + r);
            }
        }
        from.clear();
    }
}
