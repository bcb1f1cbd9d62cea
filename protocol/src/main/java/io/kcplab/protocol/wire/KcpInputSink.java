package io.kcplab.protocol.wire;

/**
 * Where {@link PacketCodec#decode} hands KCP bytes: the shape of {@code Kcp.input(data, off, len, regular)}, so a
 * method reference to it fits. {@code regular} is false for data shards rebuilt by FEC: KCP then takes no RTT
 * sample, does not update the remote window and does not count repeats (kcp-go). The bytes are valid only during
 * the call.
 *
 * @return 0 when KCP accepted the input, negative (ikcp's error codes) when it rejected it; counted as
 *         KCPInErrors, and a rejected rebuilt shard does not count as FECRecovered
 */
@FunctionalInterface
public interface KcpInputSink {

    int input(byte[] kcp, int off, int len, boolean regular);
}
