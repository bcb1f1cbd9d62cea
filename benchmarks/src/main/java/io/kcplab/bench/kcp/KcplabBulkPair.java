package io.kcplab.bench.kcp;

import io.kcplab.protocol.kcp.Kcp;
import io.kcplab.protocol.kcp.KcpProfile;

/** Bulk transfer between two KcpLab engines over {@link VirtualLink}s on a virtual millisecond clock. */
public final class KcplabBulkPair {
    private final Kcp sender;
    private final Kcp receiver;
    private final VirtualLink forward;
    private final VirtualLink backward;
    private final byte[] payload;
    private final byte[] recvBuf;
    private final int maxInFlight;
    private final VirtualLink.Sink toReceiver;
    private final VirtualLink.Sink toSender;
    private int now;
    private long delivered;

    public KcplabBulkPair(KcpProfile profile, int mtu, int window, int lossPercent, long seed) {
        forward = new VirtualLink(4 * window, mtu, lossPercent, seed);
        backward = new VirtualLink(4 * window, mtu, lossPercent, seed * 31 + 7);
        sender = new Kcp(1, forward::offer, profile);
        receiver = new Kcp(1, backward::offer, profile);
        for (Kcp k : new Kcp[] {sender, receiver}) {
            k.setMtu(mtu);
            k.setWindowSize(window, window);
            k.setNoDelay(1, 10, 2, 1);
        }
        payload = new byte[sender.mss()];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        recvBuf = new byte[sender.mss()];
        maxInFlight = 2 * window;
        toReceiver = (d, len) -> receiver.input(d, 0, len);
        toSender = (d, len) -> sender.input(d, 0, len);
    }

    /** Runs virtual milliseconds until {@code bytes} more payload bytes reached the receiving application. */
    public long transfer(long bytes) {
        long target = delivered + bytes;
        while (delivered < target) {
            while (sender.waitSnd() < maxInFlight) {
                sender.send(payload, 0, payload.length);
            }
            now++;
            receiver.setCurrent(now);
            forward.drainTo(toReceiver);
            int n;
            while ((n = receiver.recv(recvBuf, 0, recvBuf.length)) > 0) {
                delivered += n;
            }
            sender.setCurrent(now);
            backward.drainTo(toSender);
            sender.update(now);
            receiver.update(now);
        }
        return delivered;
    }

    public int virtualMillis() {
        return now;
    }
}
