package io.kcplab.interop.live;

import io.kcplab.transport.KcpListener;
import io.kcplab.transport.KcpSession;

import java.io.IOException;
import java.time.Duration;

/**
 * Accepting the one conversation a test expects. KCP has no handshake: a datagram from an address the listener
 * does not know (any more) opens a session, so the late retransmissions or ACKs of a peer whose session was closed
 * open a "zombie" session of the old conversation (kcp-go's Listener does the same). A test must not take such a
 * session for its new client: this accepts until the expected conv arrives and closes every other one.
 */
final class Accepts {

    /** The session of {@code conv} and how many other sessions were accepted (and closed) before it. */
    record Accepted(KcpSession session, int strays) {
    }

    private Accepts() {
    }

    static Accepted conv(KcpListener listener, int conv, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int strays = 0;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("no session of conv " + Integer.toUnsignedString(conv)
                        + " within " + timeout + " (" + strays + " other sessions accepted and closed)");
            }
            KcpSession s = listener.accept(Duration.ofNanos(left));
            if (s.conv() == conv) {
                return new Accepted(s, strays);
            }
            strays++;
            System.out.println("live: closing a stray session " + s + " while waiting for conv "
                    + Integer.toUnsignedString(conv));
            s.close();
        }
    }
}
