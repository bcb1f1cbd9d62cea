package io.kcplab.protocol.wire;

/**
 * Where {@link PacketCodec#encode} puts each wire datagram. {@code buf[off, off + len)} is valid only during the
 * call (it is the KCP buffer or an FEC parity buffer, reused at once): send it or copy it.
 */
@FunctionalInterface
public interface DatagramSink {

    void transmit(byte[] buf, int off, int len);
}
