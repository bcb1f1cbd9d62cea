package io.kcplab.protocol.fec;

/**
 * Receives a data shard that {@link FecDecoder} rebuilt from parity. {@code shard[off .. off+len)} starts at the
 * 2-byte size field ({@code len} = that field's value, already checked to be in 2..shard length), followed by the
 * KCP bytes: hand {@code shard[off+2 .. off+len)} to KCP as a non-regular input (no RTT sample, no window update).
 * The bytes are only valid during the call; the buffer goes back to the decoder's pool afterwards.
 */
@FunctionalInterface
public interface RecoveredShardSink {

    void recovered(byte[] shard, int off, int len);
}
