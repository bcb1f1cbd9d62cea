package io.kcplab.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code kcplab perf} run in-process on 127.0.0.1: real transfers through the CLI, and every bad input. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PerfCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    record Result(int code, String out, String err) {
    }

    static Result kcplab(String... args) {
        CommandLine cl = KcpLabCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A {@code perf server --once} on a thread of its own. */
    static final class Server {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Thread thread;
        volatile int code = -1;

        Server(String... flags) {
            String[] args = new String[flags.length + 5];
            args[0] = "perf";
            args[1] = "server";
            args[2] = "--listen";
            args[3] = "127.0.0.1:0";
            args[4] = "--once";
            System.arraycopy(flags, 0, args, 5, flags.length);
            CommandLine cl = KcpLabCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> code = cl.execute(args), "perf-server-test");
            thread.setDaemon(true);
            thread.start();
        }

        String address() throws InterruptedException {
            long until = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < until) {
                Matcher m = LISTENING.matcher(out.toString());
                if (m.find()) {
                    return "127.0.0.1:" + m.group(1);
                }
                assertTrue(thread.isAlive(), "server exited early: " + out + err);
                Thread.sleep(20);
            }
            throw new AssertionError("server did not start: " + out + err);
        }

        int exitCode() throws InterruptedException {
            thread.join(20_000);
            assertFalse(thread.isAlive(), "server still running: " + out + err);
            return code;
        }
    }

    @Test
    void rawWireTransferPrintsIntervalsAndMatchingHashes() throws Exception {
        Server server = new Server("--wire", "raw", "--mode", "fast3");
        Result r = kcplab("perf", "client", "--to", server.address(), "--wire", "raw", "--mode", "fast3", "--bytes",
                "3MB", "-i", "100ms", "--seed", "12");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("[ ID] Interval"), r.out());
        assertTrue(r.out().contains("OK: counts and SHA-256 match"), r.out());
        assertTrue(r.out().contains("3000000 bytes"), r.out());
        assertEquals("", r.err());
        assertEquals(0, server.exitCode(), server.out + "" + server.err);
        assertTrue(server.out.toString().contains("OK: counts and SHA-256 match"), server.out.toString());
    }

    @Test
    void jsonReportInMessageModeWithAesAndFec() throws Exception {
        Server server = new Server("--message", "--crypt", "aes", "--key", "k1", "--echo");
        Result r = kcplab("perf", "client", "--to", server.address(), "--message", "--crypt", "aes", "--key", "k1",
                "--bytes", "1MiB", "--json", "--seed", "3", "-i", "100ms");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("ok").asBoolean());
        assertEquals("ECHO", j.get("direction").asText());
        assertEquals(1 << 20, j.get("bytes").asLong());
        assertEquals(j.get("senderSha256").asText(), j.get("receiverSha256").asText());
        assertEquals(j.get("senderSha256").asText(), j.get("echoSha256").asText());
        assertTrue(j.get("intervals").isArray() && j.get("intervals").size() >= 1, r.out());
        assertNotNull(j.get("intervals").get(0).get("goodputMbps"));
        assertEquals(0, server.exitCode());
    }

    @Test
    void reverseTimedTransfer() throws Exception {
        Server server = new Server("--mode", "fast2");
        Result r = kcplab("perf", "client", "--to", server.address(), "--reverse", "--time", "600ms", "-i", "0",
                "--mode", "fast2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("reverse, client"), r.out());
        assertFalse(r.out().contains("[ ID] Interval   "), "no intervals with -i 0: " + r.out());
        assertEquals(0, server.exitCode());
    }

    @Test
    void silentServerGivesUpWithOneLine() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Result r = kcplab("perf", "client", "--to", "127.0.0.1:" + silent.getLocalPort(), "--bytes", "1MB",
                    "--connect-timeout", "500ms");
            assertEquals(1, r.code(), r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("kcplab perf: no answer from 127.0.0.1:" + silent.getLocalPort()
                    + " within 500ms"), r.err());
        }
    }

    @Test
    void mismatchedWireIsNoAnswer() throws Exception {
        Server server = new Server("--wire", "highway");
        Result r = kcplab("perf", "client", "--to", server.address(), "--wire", "kcp-go", "--bytes", "10000",
                "--connect-timeout", "500ms");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("same --crypt, --key, --wire"), r.err());
        server.thread.interrupt();
    }

    @Test
    void bindFailureIsAUsageError() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertUsage("--listen: cannot bind 127.0.0.1:" + taken.getLocalPort() + ": address already in use",
                    "perf", "server", "--listen", "127.0.0.1:" + taken.getLocalPort(), "--once");
        }
    }

    @Test
    void badInputGivesExit2AndOneLine() {
        String to = "127.0.0.1:5201";
        assertUsage("--mode: unknown mode 'turbo'", "perf", "client", "--to", to, "--mode", "turbo");
        assertUsage("--crypt: unknown cipher 'rot13'", "perf", "client", "--to", to, "--crypt", "rot13");
        assertUsage("--to: missing", "perf", "client", "--bytes", "1000");
        assertUsage("--to: 'localhost' has no port", "perf", "client", "--to", "localhost");
        assertUsage("--to: port '70000' is out of range", "perf", "client", "--to", "127.0.0.1:70000");
        assertUsage("--to: port '0' is out of range", "perf", "client", "--to", "127.0.0.1:0");
        assertUsage("--to: unknown host 'no-such-host.invalid'", "perf", "client", "--to",
                "no-such-host.invalid:5201");
        assertUsage("--listen: port 'x' is out of range", "perf", "server", "--listen", "127.0.0.1:x");
        assertUsage("--bytes: '-5' is not a size", "perf", "client", "--to", to, "--bytes", "-5");
        assertUsage("--bytes: 0 is out of range", "perf", "client", "--to", to, "--bytes", "0");
        assertUsage("--time: '-1s' is not a duration", "perf", "client", "--to", to, "--time", "-1s");
        assertUsage("--time and --bytes exclude each other", "perf", "client", "--to", to, "--time", "1s",
                "--bytes", "5");
        assertUsage("--crypt: --wire raw carries plain KCP segments", "perf", "client", "--to", to, "--wire", "raw",
                "--crypt", "aes");
        assertUsage("--crypt: --wire raw", "perf", "server", "--listen", to, "--wire", "raw", "--crypt", "none");
        assertUsage("--datashard/--parityshard: --wire raw has no FEC header", "perf", "client", "--to", to,
                "--wire", "raw", "--datashard", "10");
        assertUsage("--wire: unknown framing 'udp'", "perf", "client", "--to", to, "--wire", "udp");
        assertUsage("--engine: unknown engine 'quic'", "perf", "client", "--to", to, "--engine", "quic");
        assertUsage("--mtu: 20 is out of range", "perf", "client", "--to", to, "--mtu", "20");
        assertUsage("--sndwnd: 'many' is not a whole number", "perf", "client", "--to", to, "--sndwnd", "many");
        assertUsage("--dscp: 64 is out of range", "perf", "client", "--to", to, "--dscp", "64");
        assertUsage("--sockbuf: '-1' is not a size", "perf", "server", "--listen", to, "--sockbuf", "-1");
        assertUsage("--stream and --message exclude each other", "perf", "client", "--to", to, "--stream",
                "--message");
        assertUsage("--length: 0 is out of range", "perf", "client", "--to", to, "--length", "0");
        assertUsage("--report-interval: 1ms is too short", "perf", "client", "--to", to, "-i", "1ms");
        assertUsage("--length: 300000 bytes is out of range", "perf", "client", "--to", to, "--message", "--length",
                "300000", "--mtu", "500", "--connect-timeout", "200ms");
    }

    @Test
    void helpAndMissingSubcommand() {
        Result help = kcplab("perf", "client", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--report-interval") && help.out().contains("--parityshard"), help.out());
        Result none = kcplab("perf");
        assertEquals(2, none.code());
        assertEquals(1, none.err().lines().count(), none.err());
    }

    private static void assertUsage(String expectedStart, String... args) {
        Result r = kcplab(args);
        assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.out() + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("kcplab: " + expectedStart), String.join(" ", args) + " -> " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
