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
    private long scripts;
    private long ops;
    private long datagrams;
    private final Coverage coverage = new Coverage();

    public LockstepChecker(NativeIkcp.Profile profile) throws IOException {
        this.c = NativeDriver.start(profile);
        this.java = new JavaRunner(profile.fastAckConserve());
    }

    public NativeIkcp.Profile profile() {
        return c.profile();
    }

    /** Null if C and Java agree on every line, else the first divergence (in hex mode). */
    public Transcript.Divergence check(Script script) {
        Transcript expected = c.run(script, false);
        Transcript actual = java.run(script, false);
        scripts++;
        ops += script.size();
        datagrams += expected.datagramCount();
        coverage.record(script, expected);
        Transcript.Divergence d = expected.firstDivergence(actual);
        if (d == null) {
            return null;
        }
        Transcript.Divergence detailed = c.run(script, true).firstDivergence(java.run(script, true));
        return detailed != null ? detailed : d;
    }

    /** True if the script diverges (no statistics, no hex re-run): the predicate the shrinker uses. */
    public boolean diverges(Script script) {
        return c.run(script, false).firstDivergence(java.run(script, false)) != null;
    }

    /** The C transcript alone (for tests of the driver). */
    public Transcript runC(Script script, boolean hex) {
        return c.run(script, hex);
    }

    public Transcript runJava(Script script, boolean hex) {
        return java.run(script, hex);
    }

    public long scripts() {
        return scripts;
    }

    public long ops() {
        return ops;
    }

    /** The traps the C transcripts of all checked scripts reached. */
    public Coverage coverage() {
        return coverage;
    }

    public long datagrams() {
        return datagrams;
    }

    @Override
    public void close() {
        c.close();
    }
}
