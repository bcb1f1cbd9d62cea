package io.kcplab.interop.lockstep;

import io.kcplab.protocol.kcp.KcpProfile;

import java.io.IOException;
import java.util.List;

/**
 * Runs a script on kcp-go 5.6.1's engine ({@link KcpGoDriver}) and on the Java engine with the
 * {@link KcpProfile#KCP_GO} profile and compares the transcripts: {@link LockstepChecker} for kcp-go. Comparison
 * runs with datagram hashes; on a mismatch both sides run again in hex so the report shows the bytes.
 */
public final class KcpGoChecker implements AutoCloseable {

    private final KcpGoDriver go;
    private final JavaRunner java = new JavaRunner(KcpProfile.KCP_GO, false);
    private final TranscriptComparison comparison;

    /** A checker that compares every line, the counters of {@code snmp} answers included. */
    public KcpGoChecker() throws IOException {
        this.go = KcpGoDriver.start();
        this.comparison = new TranscriptComparison(go::run, java::run);
    }

    /** Null if kcp-go and Java agree on every line, else the first divergence (in hex mode). */
    public Transcript.Divergence check(Script script) {
        return comparison.check(script);
    }

    /** True if the script diverges (no statistics, no hex re-run): the predicate the shrinker uses. */
    public boolean diverges(Script script) {
        return comparison.diverges(script);
    }

    public Transcript runGo(Script script, boolean hex) {
        return go.run(script, hex);
    }

    public Transcript runJava(Script script, boolean hex) {
        return java.run(script, hex);
    }

    /** A divergence report with kcp-go named as the reference (Transcript's report says "C"). */
    public static String describe(Transcript.Divergence d) {
        return d.toString().replace("(C ikcp)", "(kcp-go)").replace(" C=", " Go=")
                .replace("  C segments   :", "  Go segments  :");
    }

    public long scripts() {
        return comparison.scripts();
    }

    public long ops() {
        return comparison.ops();
    }

    public long datagrams() {
        return comparison.datagrams();
    }

    /** The traps the kcp-go transcripts of all checked scripts reached. */
    public Coverage coverage() {
        return comparison.coverage();
    }

    @Override
    public void close() {
        go.close();
    }
}
