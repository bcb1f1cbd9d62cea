package io.kcplab.protocol.fec;

/** {@link FecDecoder}'s counters; read through the decoder's getters, which document each one. */
final class FecDecoderCounters {
    long parityShards;
    long recovered;
    long recoveryErrors;
    long shortShards;
    long duplicates;
    long malformed;
    long expired;
    long retunes;
    long decodeFailures;
}
