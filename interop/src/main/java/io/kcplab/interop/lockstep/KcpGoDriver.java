package io.kcplab.interop.lockstep;

import io.kcplab.interop.KcpGoLockstep;

import java.io.IOException;

/**
 * One running kcp-go lock-step driver ({@code interop/src/main/go/kcplockstep}, see {@link KcpGoLockstep}) that runs
 * scripts one after another in the same process and returns their transcripts: the kcp-go 5.6.1 counterpart of
 * {@link NativeDriver}. Not thread-safe: one caller at a time.
 */
public final class KcpGoDriver implements AutoCloseable {

    private final DriverProcess process;

    private KcpGoDriver(DriverProcess process) {
        this.process = process;
    }

    /** Builds the driver if needed and starts it. */
    public static KcpGoDriver start() throws IOException {
        return new KcpGoDriver(DriverProcess.start("kcp-go driver", KcpGoLockstep.binary()));
    }

    /** Runs {@code script}; datagrams are printed as "len fnv64" or, with {@code hex}, as full hex bytes. */
    public Transcript run(Script script, boolean hex) {
        return process.run(script, hex);
    }

    @Override
    public void close() {
        process.close();
    }
}
