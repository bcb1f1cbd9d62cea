package io.kcplab.transport;

import io.netty.buffer.ByteBuf;

/** Gives the protocol a byte array view of a received datagram without allocating. */
final class DatagramReader {

    private byte[] array;
    private int offset;

    /** Points at the datagram's bytes: in place for heap buffers, else copied into the loop's scratch array. */
    void load(ByteBuf content, int len, SessionLoop loop) {
        if (content.hasArray()) {
            array = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            array = loop.datagramScratch();
            content.getBytes(content.readerIndex(), array, 0, len);
            offset = 0;
        }
    }

    byte[] array() {
        return array;
    }

    int offset() {
        return offset;
    }
}
