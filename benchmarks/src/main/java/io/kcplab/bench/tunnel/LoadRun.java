package io.kcplab.bench.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One measured transfer through a tunnel: {@code streams} TCP connections to the tunnel's client end, each sending
 * its share of {@code bytes}, and a sink at the tunnel's target that reads and checks every byte. Each connection
 * repeats its own 1 MiB random block (seeded by its index), so the sink can verify content and order with a range
 * compare instead of a hash, keeping this process's CPU use small next to the tunnels'. Connections are told apart
 * by an 8-byte header (index) before the data.
 */
final class LoadRun {

    static final int BLOCK = 1 << 20;
    private static final int CHUNK = 64 << 10;

    private final ServerSocket sink;
    private final int tunnelPort;
    private final byte[][] blocks;

    LoadRun(int sinkPort, int tunnelPort, int maxStreams) throws IOException {
        this.sink = new ServerSocket();
        sink.setReuseAddress(true);
        sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), sinkPort), 64);
        this.tunnelPort = tunnelPort;
        this.blocks = new byte[maxStreams][BLOCK];
        for (int i = 0; i < maxStreams; i++) {
            new Random(1000 + i).nextBytes(blocks[i]);
        }
    }

    /** Sends {@code bytes} over {@code streams} connections; returns the seconds until the sink had every byte. */
    double transfer(long bytes, int streams, int timeoutSeconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * streams);
        try {
            List<Future<Long>> sinks = new ArrayList<>();
            List<Future<Long>> sources = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                long share = bytes / streams + (i == streams - 1 ? bytes % streams : 0);
                int index = i;
                sources.add(pool.submit(() -> send(index, share)));
            }
            for (int i = 0; i < streams; i++) {
                sink.setSoTimeout(timeoutSeconds * 1000);
                Socket s = sink.accept();
                sinks.add(pool.submit(() -> receive(s, timeoutSeconds)));
            }
            long received = 0;
            for (Future<Long> f : sinks) {
                received += f.get(timeoutSeconds, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (Future<Long> f : sources) {
                f.get(timeoutSeconds, TimeUnit.SECONDS);
            }
            if (received != bytes) {
                throw new IOException("the sink received " + received + " of " + bytes + " bytes");
            }
            return seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private long send(int index, long share) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tunnelPort)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            byte[] header = new byte[8];
            header[0] = (byte) index;
            writeLong(header, share);
            out.write(header);
            byte[] block = blocks[index];
            long sent = 0;
            while (sent < share) {
                int off = (int) (sent % BLOCK);
                int n = (int) Math.min(Math.min(CHUNK, BLOCK - off), share - sent);
                out.write(block, off, n);
                sent += n;
            }
            out.flush();
            // the sink closes once it has everything: wait for that, so the tunnel is not torn down early
            s.setSoTimeout(120_000);
            s.getInputStream().read();
            return sent;
        }
    }

    private long receive(Socket s, int timeoutSeconds) throws IOException {
        try (s) {
            s.setSoTimeout(timeoutSeconds * 1000);
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                throw new IOException("a connection ended before its header");
            }
            byte[] block = blocks[header[0]];
            long expected = readLong(header);
            byte[] buf = new byte[CHUNK];
            long got = 0;
            while (got < expected) {
                int off = (int) (got % BLOCK);
                int n = in.read(buf, 0, (int) Math.min(Math.min(CHUNK, BLOCK - off), expected - got));
                if (n < 0) {
                    throw new IOException("stream " + header[0] + " ended after " + got + " of " + expected + " bytes");
                }
                if (Arrays.mismatch(buf, 0, n, block, off, off + n) >= 0) {
                    throw new IOException("stream " + header[0] + ": wrong bytes at offset " + got);
                }
                got += n;
            }
            return got;
        } catch (SocketTimeoutException e) {
            throw new IOException("the sink waited " + timeoutSeconds + " s for data", e);
        }
    }

    /** 7 bytes of length after the index byte: enough for any transfer here. */
    private static void writeLong(byte[] b, long v) {
        for (int i = 1; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * (7 - i)));
        }
    }

    private static long readLong(byte[] b) {
        long v = 0;
        for (int i = 1; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    void close() throws IOException {
        sink.close();
    }
}
