package io.kcplab.interop.lockstep;

import io.kcplab.interop.NativeIkcp;

import java.io.IOException;

/**
 * One running C driver process (lock-step mode) that runs scripts one after another and returns their
 * transcripts. Not thread-safe: one caller at a time.
 */
public final class NativeDriver implements AutoCloseable {

    private final NativeIkcp.Profile profile;
    private final DriverProcess process;

    private NativeDriver(NativeIkcp.Profile profile, DriverProcess process) {
        this.profile = profile;
        this.process = process;
    }

    /** Builds the peer if needed and starts a driver process. */
    public static NativeDriver start(NativeIkcp.Profile profile) throws IOException {
        return new NativeDriver(profile, DriverProcess.start("C driver (" + profile.id + ")",
                NativeIkcp.driver(profile)));
    }

    public NativeIkcp.Profile profile() {
        return profile;
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
