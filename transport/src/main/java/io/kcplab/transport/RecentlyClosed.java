package io.kcplab.transport;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversations a listener socket closed lately, by remote address. KCP has no handshake, so a peer that is
 * still sending (retransmissions, late ACKs) when its session closes would open a new "zombie" session with the
 * same conversation id (kcp-go does exactly that, and kcptun relies on smux's keepalive to clear it). For a while
 * after a close, datagrams of that address and conversation are dropped instead. A new conversation id from the
 * same address (a restarted client) still opens a session. Bounded: the oldest entries go first. Used on one
 * event loop only.
 */
final class RecentlyClosed {

    /** How long a closed conversation is remembered: past smux's 30 s keepalive timeout, as kcptun clears zombies. */
    static final long REMEMBER_MS = 30_000;
    /** Most conversations remembered per listener socket (about 100 bytes each). */
    static final int MAX_ENTRIES = 16_384;

    private record Closed(int conv, long atMs) {
    }

    private final LinkedHashMap<InetSocketAddress, Closed> closed = new LinkedHashMap<>();

    /** Remembers that {@code conv} with {@code remote} closed at {@code nowMs}. */
    void add(InetSocketAddress remote, int conv, long nowMs) {
        closed.remove(remote); // re-insert at the end: insertion order is age order
        closed.put(remote, new Closed(conv, nowMs));
        if (closed.size() > MAX_ENTRIES) {
            Iterator<Map.Entry<InetSocketAddress, Closed>> oldest = closed.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** True if {@code conv} from {@code remote} closed less than {@link #REMEMBER_MS} ago. */
    boolean contains(InetSocketAddress remote, int conv, long nowMs) {
        expire(nowMs);
        Closed c = closed.get(remote);
        return c != null && c.conv == conv;
    }

    int size() {
        return closed.size();
    }

    private void expire(long nowMs) {
        Iterator<Closed> it = closed.values().iterator();
        while (it.hasNext()) {
            if (nowMs - it.next().atMs < REMEMBER_MS) {
                return; // the rest are younger
            }
            it.remove();
        }
    }
}
