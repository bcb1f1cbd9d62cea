package io.kcplab.interop.lockstep;

import io.kcplab.interop.NativeIkcp;

import java.io.IOException;

/**
 * Runs a script on C ikcp and on the Java engine and compares the transcripts. Comparison runs with datagram
 * hashes (fast); on a mismatch both sides run again with full hex datagrams so the report shows the bytes.
 */
public final class LockstepChecker implements AutoCloseable {

    private final NativeDriver c;
    private final JavaRunner java;
    private final TranscriptComparison comparison;

    public LockstepChecker(NativeIkcp.Profile profile) throws IOException {
        this.c = NativeDriver.start(profile);
        this.java = new JavaRunner(profile.fastAckConserve());
        this.comparison = new TranscriptComparison(c::run, java::run);
    }

    public NativeIkcp.Profile profile() {
        return c.profile();
    }

    /** Null if C and Java agree on every line, else the first divergence (in hex mode). */
    public Transcript.Divergence check(Script script) {
        return comparison.check(script);
    }

    /** True if the script diverges (no statistics, no hex re-run): the predicate the shrinker uses. */
    public boolean diverges(Script script) {
        return comparison.diverges(script);
    }

    /** The C transcript alone (for tests of the driver). */
    public Transcript runC(Script script, boolean hex) {
        return c.run(script, hex);
    }

    public Transcript runJava(Script script, boolean hex) {
        return java.run(script, hex);
    }

    public long scripts() {
        return comparison.scripts();
    }

    public long ops() {
        return comparison.ops();
    }

    /** The traps the C transcripts of all checked scripts reached. */
    public Coverage coverage() {
        return comparison.coverage();
    }

    public long datagrams() {
        return comparison.datagrams();
    }

    @Override
    public void close() {
        c.close();
    }
}
