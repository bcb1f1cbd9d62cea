package io.kcplab.interop.lockstep;

/**
 * Runs scripts on a reference driver (C ikcp or kcp-go) and on the Java engine and compares the transcripts,
 * counting what it checked. Comparison runs with datagram hashes (fast); on a mismatch both sides run again with
 * full hex datagrams so the report shows the bytes.
 */
final class TranscriptComparison {

    /** A side that runs a script into a transcript. */
    interface Side {
        Transcript run(Script script, boolean hex);
    }

    private final Side reference;
    private final Side java;
    private long scripts;
    private long ops;
    private long datagrams;
    private final Coverage coverage = new Coverage();

    TranscriptComparison(Side reference, Side java) {
        this.reference = reference;
        this.java = java;
    }

    /** Null if both sides agree on every line, else the first divergence (in hex mode). */
    Transcript.Divergence check(Script script) {
        Transcript expected = reference.run(script, false);
        Transcript actual = java.run(script, false);
        scripts++;
        ops += script.size();
        datagrams += expected.datagramCount();
        coverage.record(script, expected);
        Transcript.Divergence d = expected.firstDivergence(actual);
        if (d == null) {
            return null;
        }
        Transcript.Divergence detailed = reference.run(script, true).firstDivergence(java.run(script, true));
        return detailed != null ? detailed : d;
    }

    /** True if the script diverges (no statistics, no hex re-run): the predicate the shrinker uses. */
    boolean diverges(Script script) {
        return reference.run(script, false).firstDivergence(java.run(script, false)) != null;
    }

    long scripts() {
        return scripts;
    }

    long ops() {
        return ops;
    }

    long datagrams() {
        return datagrams;
    }

    /** The traps the reference transcripts of all checked scripts reached. */
    Coverage coverage() {
        return coverage;
    }
}
