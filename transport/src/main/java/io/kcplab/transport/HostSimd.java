package io.kcplab.transport;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.SimdSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Vector API settings for this host, worked out at the edge so the protocol core reads neither the CPU
 * description nor system properties: the CPU's byte-permute width from {@code /proc/cpuinfo}, then the operator's
 * overrides {@code -Dkcplab.fec.kernel=auto|scalar|vector|vector-pairwise|vector-per-input},
 * {@code -Dkcplab.fec.vectorBits=128|256|512} and {@code -Dkcplab.highway.kernel=auto|scalar|vector}.
 */
public final class HostSimd {

    private static volatile SimdSettings detected;

    private HostSimd() {
    }

    /** The settings for this JVM and CPU; worked out once. */
    public static SimdSettings settings() {
        SimdSettings s = detected;
        if (s == null) {
            s = SimdSettings.fromProperties(System::getProperty,
                    SimdSettings.defaults().withWideBytePermute(!lacksByteShuffle512()));
            detected = s;
        }
        return s;
    }

    /**
     * {@code config} with this host's settings, unless its caller chose settings of its own: what every edge (real
     * sessions, the simulator's runs) applies to the configurations it is given.
     */
    public static ConnectionConfig onThisHost(ConnectionConfig config) {
        SimdSettings host = settings();
        if (!config.simd().equals(SimdSettings.defaults()) || config.simd().equals(host)) {
            return config;
        }
        return config.toBuilder().simd(host).build();
    }

    /**
     * True on Linux x86 CPUs with AVX-512 but without AVX-512 VBMI (Skylake-X, Cascade Lake): 64-lane byte
     * permutes (VPERMB) are missing there, so 512-bit Reed-Solomon kernels would crawl. Elsewhere, or when the CPU
     * description cannot be read, false.
     */
    static boolean lacksByteShuffle512() {
        String arch = System.getProperty("os.arch", "");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!(arch.equals("amd64") || arch.equals("x86_64")) || !Files.isReadable(cpuinfo)) {
            return false;
        }
        try {
            String flags = Files.readString(cpuinfo, StandardCharsets.US_ASCII);
            return flags.contains(" avx512f") && !flags.contains(" avx512vbmi");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
