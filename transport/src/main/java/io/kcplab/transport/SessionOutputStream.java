package io.kcplab.transport;

import java.io.IOException;
import java.io.OutputStream;

/** {@link KcpSession#outputStream()}: blocking writes (backpressure from KCP's send window). */
final class SessionOutputStream extends OutputStream {

    private final KcpSession session;
    private final byte[] one = new byte[1];

    SessionOutputStream(KcpSession session) {
        this.session = session;
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        session.write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        session.write(b, off, len);
    }

    @Override
    public void close() {
        session.close();
    }
}
