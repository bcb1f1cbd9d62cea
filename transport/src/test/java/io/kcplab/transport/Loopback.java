package io.kcplab.transport;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;

/** Test helpers: loopback addresses, configs and deterministic payloads. */
final class Loopback {

    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Loopback() {
    }

    /** Plain KCP (raw wire), fast3, stream or message mode. */
    static ConnectionConfig raw(boolean stream) {
        return ConnectionConfig.builder().mode(ModePreset.FAST3).cipher(null).fec(0, 0).streamMode(stream)
                .windows(256, 256).build();
    }

    /** kcptun's defaults (aes + FEC 10/3), fast3, stream or message mode. */
    static ConnectionConfig aesFec(boolean stream) {
        return ConnectionConfig.builder().mode(ModePreset.FAST3).cipher("aes").fec(10, 3).streamMode(stream)
                .windows(256, 256).build();
    }

    static byte[] payload(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static InetSocketAddress to(KcpListener l) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), l.localAddress().getPort());
    }
}
