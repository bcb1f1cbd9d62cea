package io.kcplab.sim.trace;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the datagrams of chosen links as a classic pcap file (little-endian, microsecond timestamps, LINKTYPE_RAW:
 * each record is an IPv4 packet) that Wireshark and tshark open. Every datagram is framed with a synthetic IPv4
 * header (correct header checksum, identification = low 16 bits of the link's packet id, TTL 64, DF) and a UDP
 * header (with a correct UDP checksum) carrying the simulated hosts' addresses and ports. Timestamps are virtual
 * time: seconds since the start of the run.
 *
 * <p>Capture point: {@link Capture#DELIVERED} records what the receiving host gets (after loss, corruption,
 * truncation, reordering: a tcpdump at the receiver); {@link Capture#SENT} records what the sender handed to the
 * link.
 */
public final class PcapWriter implements TraceSink, Closeable {

    /** Where on the link packets are captured. */
    public enum Capture { SENT, DELIVERED }

    public static final int LINKTYPE_RAW = 101;
    private static final int HEADERS = 28;

    private final OutputStream out;
    private final Capture capture;
    private final Link[] links;
    private final byte[] header = new byte[16 + HEADERS];
    private long packets;

    /**
     * @param links the links to capture; none = every link
     */
    public PcapWriter(OutputStream out, Capture capture, Link... links) {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.capture = capture;
        this.links = links.clone();
        byte[] global = new byte[24];
        putIntLE(global, 0, 0xA1B2C3D4);          // magic: microsecond timestamps
        putShortLE(global, 4, 2);                 // version 2.4
        putShortLE(global, 6, 4);
        putIntLE(global, 8, 0);                   // thiszone
        putIntLE(global, 12, 0);                  // sigfigs
        putIntLE(global, 16, 65_535);             // snaplen
        putIntLE(global, 20, LINKTYPE_RAW);
        write(global, 0, 24);
    }

    /** Opens {@code file} for writing. */
    public static PcapWriter create(Path file, Capture capture, Link... links) throws IOException {
        return new PcapWriter(Files.newOutputStream(file), capture, links);
    }

    @Override
    public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
        TraceKind wanted = capture == Capture.SENT ? TraceKind.SEND : TraceKind.DELIVER;
        if (kind != wanted || packet == null || !captures(link)) {
            return;
        }
        int len = packet.length();
        int ipLen = len + HEADERS;
        byte[] h = header;
        putIntLE(h, 0, (int) (timeMicros / 1_000_000));
        putIntLE(h, 4, (int) (timeMicros % 1_000_000));
        putIntLE(h, 8, ipLen);
        putIntLE(h, 12, ipLen);
        int ip = 16;
        Arrays.fill(h, ip, h.length, (byte) 0);
        h[ip] = 0x45;                                  // IPv4, 5-word header
        putShortBE(h, ip + 2, ipLen);
        putShortBE(h, ip + 4, (int) packet.id());
        putShortBE(h, ip + 6, 0x4000);                 // don't fragment
        h[ip + 8] = 64;                                // TTL
        h[ip + 9] = 17;                                // UDP
        putIntBE(h, ip + 12, packet.srcAddress());
        putIntBE(h, ip + 16, packet.dstAddress());
        putShortBE(h, ip + 10, ipv4HeaderChecksum(h, ip));
        int udp = ip + 20;
        putShortBE(h, udp, packet.srcPort());
        putShortBE(h, udp + 2, packet.dstPort());
        putShortBE(h, udp + 4, len + 8);
        putShortBE(h, udp + 6, udpChecksum(h, ip, packet.data(), len));
        write(h, 0, h.length);
        write(packet.data(), 0, len);
        packets++;
    }

    private boolean captures(Link link) {
        if (links.length == 0) {
            return true;
        }
        for (Link l : links) {
            if (l == link) {
                return true;
            }
        }
        return false;
    }

    public long packets() {
        return packets;
    }

    /** RFC 791 header checksum over the 20 bytes at {@code off} (checksum field taken as is; zero it first). */
    public static int ipv4HeaderChecksum(byte[] b, int off) {
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            if (i == 10) {
                continue;
            }
            sum += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        return fold(sum);
    }

    /** RFC 768 checksum: pseudo-header (addresses, protocol, UDP length), UDP header, payload. */
    static int udpChecksum(byte[] h, int ip, byte[] payload, int len) {
        long sum = 0;
        for (int i = 12; i < 20; i += 2) {
            sum += ((h[ip + i] & 0xFF) << 8) | (h[ip + i + 1] & 0xFF);
        }
        sum += 17;
        sum += len + 8;
        int udp = ip + 20;
        for (int i = 0; i < 6; i += 2) { // ports and length; checksum field excluded
            sum += ((h[udp + i] & 0xFF) << 8) | (h[udp + i + 1] & 0xFF);
        }
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((payload[i] & 0xFF) << 8) | (payload[i + 1] & 0xFF);
        }
        if (i < len) {
            sum += (payload[i] & 0xFF) << 8;
        }
        int c = fold(sum);
        return c == 0 ? 0xFFFF : c; // 0 would mean "no checksum"
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pcap file", e);
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void putIntLE(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static void putShortLE(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void putIntBE(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void putShortBE(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
