package io.kcplab.sim.trace;

import io.kcplab.sim.net.Chance;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.Packet;
import io.kcplab.sim.testing.LinkRun;
import io.kcplab.sim.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapWriterTest {

    private static Path buildDir() throws IOException {
        Path dir = Path.of(System.getProperty("kcplab.build.dir", "target"), "pcap-test");
        Files.createDirectories(dir);
        return dir;
    }

    /** Runs a lossy, corrupting link and captures its deliveries; returns the payloads captured (hex). */
    private static List<String> capture(Path file, PcapWriter.Capture point) throws IOException {
        LinkProfile p = LinkProfile.builder().delayMillis(20).loss(0.2).corrupt(Chance.of(0.1))
                .truncate(Chance.of(0.05)).build();
        LinkRun r = new LinkRun(77, p, 120, 10_000, 200);
        List<String> expected = new ArrayList<>();
        TraceKind wanted = point == PcapWriter.Capture.SENT ? TraceKind.SEND : TraceKind.DELIVER;
        r.sim.tracer().add((t, kind, link, packet) -> {
            if (kind == wanted && link == r.link) {
                expected.add(hex(packet));
            }
        });
        try (PcapWriter w = PcapWriter.create(file, point, r.link)) {
            r.sim.tracer().add(w);
            r.runToEnd(10_000_000);
            assertEquals(expected.size(), w.packets());
        }
        return expected;
    }

    private static String hex(Packet p) {
        return HexFormat.of().formatHex(p.data(), 0, p.length());
    }

    @Test
    void fileStructureAndChecksumsAreValid() throws IOException {
        Path file = buildDir().resolve("structure.pcap");
        List<String> payloads = capture(file, PcapWriter.Capture.DELIVERED);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        b.position(20);
        assertEquals(PcapWriter.LINKTYPE_RAW, b.getInt());
        int n = 0;
        long lastTime = -1;
        while (b.hasRemaining()) {
            long sec = b.getInt() & 0xFFFFFFFFL;
            long usec = b.getInt() & 0xFFFFFFFFL;
            assertTrue(usec < 1_000_000);
            long t = sec * 1_000_000 + usec;
            assertTrue(t >= lastTime, "timestamps follow virtual time");
            lastTime = t;
            int incl = b.getInt();
            assertEquals(incl, b.getInt());
            byte[] ip = new byte[incl];
            b.get(ip);
            assertEquals(0x45, ip[0]);
            assertEquals(incl, ((ip[2] & 0xFF) << 8) | (ip[3] & 0xFF));
            int stored = ((ip[10] & 0xFF) << 8) | (ip[11] & 0xFF);
            assertEquals(stored, PcapWriter.ipv4HeaderChecksum(ip, 0));
            assertEquals(0, onesComplementSum(ip, 0, 20), "a valid IPv4 header sums to 0xFFFF");
            assertEquals(17, ip[9]);
            assertEquals(0x0A000001, ByteBuffer.wrap(ip, 12, 4).getInt());
            assertEquals(0x0A000002, ByteBuffer.wrap(ip, 16, 4).getInt());
            assertEquals(5000, ((ip[20] & 0xFF) << 8) | (ip[21] & 0xFF));
            assertEquals(9000, ((ip[22] & 0xFF) << 8) | (ip[23] & 0xFF));
            assertEquals(payloads.get(n), HexFormat.of().formatHex(ip, 28, incl));
            n++;
        }
        assertEquals(payloads.size(), n);
    }

    private static int onesComplementSum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    @Test
    void tsharkReadsEveryPacketAndPayload() throws Exception {
        Tshark.require();
        for (PcapWriter.Capture point : PcapWriter.Capture.values()) {
            Path file = buildDir().resolve("tshark-" + point + ".pcap");
            List<String> payloads = capture(file, point);
            assertTrue(payloads.size() > 100, "enough traffic: " + payloads.size());
            List<String> lines = tshark(file, "-T", "fields", "-e", "ip.src", "-e", "udp.dstport", "-e",
                    "ip.checksum.status", "-e", "udp.checksum.status", "-e", "udp.payload", "-o",
                    "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE");
            assertEquals(payloads.size(), lines.size(), point + ": packet count");
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t", -1);
                assertEquals("10.0.0.1", f[0], lines.get(i));
                assertEquals("9000", f[1], lines.get(i));
                // Wireshark's checksum status: 0 bad, 1 good, 2 unverified
                assertEquals("1", f[2], "tshark: IPv4 header checksum good: " + lines.get(i));
                assertEquals("1", f[3], "tshark: UDP checksum good: " + lines.get(i));
                assertEquals(payloads.get(i), f[4].replace(":", ""), point + " payload of packet " + i);
            }
        }
    }

    private static List<String> tshark(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit code");
        String s = out.toString(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : s.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
