package io.kcplab.transport;

import java.io.IOException;
import java.io.InputStream;

/** {@link KcpSession#inputStream()}: blocking reads; -1 at the end of a conversation that closed remotely. */
final class SessionInputStream extends InputStream {

    private final KcpSession session;
    private final byte[] one = new byte[1];

    SessionInputStream(KcpSession session) {
        this.session = session;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return session.read(b, off, len);
    }

    @Override
    public int available() {
        return Math.max(0, session.available());
    }

    @Override
    public void close() {
        session.close();
    }
}
