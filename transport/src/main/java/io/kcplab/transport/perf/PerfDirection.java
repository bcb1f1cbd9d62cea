package io.kcplab.transport.perf;

/** Which way the pattern stream flows. */
public enum PerfDirection {
    /** Client to server (the server counts, hashes and checks it). */
    FORWARD,
    /** Server to client ({@code --reverse}). */
    REVERSE,
    /** Client to server and back: the server (started with {@code --echo}) returns every byte. */
    ECHO
}
