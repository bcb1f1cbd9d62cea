package io.kcplab.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * {@link KcpSession#channel()}: blocking reads and writes of ByteBuffers. Heap buffers are used in place; direct
 * buffers go through a temporary array (the session's buffers are byte arrays).
 */
final class SessionByteChannel implements ByteChannel {

    private final KcpSession session;

    SessionByteChannel(KcpSession session) {
        this.session = session;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int len = dst.remaining();
        if (dst.hasArray()) {
            int n = session.read(dst.array(), dst.arrayOffset() + dst.position(), len);
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] tmp = new byte[len];
        int n = session.read(tmp, 0, len);
        if (n > 0) {
            dst.put(tmp, 0, n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int len = src.remaining();
        if (src.hasArray()) {
            session.write(src.array(), src.arrayOffset() + src.position(), len);
            src.position(src.position() + len);
        } else {
            byte[] tmp = new byte[len];
            src.get(tmp);
            session.write(tmp, 0, len);
        }
        return len;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        session.close();
    }
}
