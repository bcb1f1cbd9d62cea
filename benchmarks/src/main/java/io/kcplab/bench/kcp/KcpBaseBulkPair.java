package io.kcplab.bench.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import kcp.Kcp;

/**
 * The same bulk workload on {@code com.github.l42111996:kcp-base:1.6}'s {@code kcp.Kcp} (kcp-go flavoured, Netty
 * ByteBuf based): same links, same clock, same configuration; ByteBufs are pooled and released as java-Kcp's Ukcp does.
 */
public final class KcpBaseBulkPair {
    private final Kcp sender;
    private final Kcp receiver;
    private final VirtualLink forward;
    private final VirtualLink backward;
    private final byte[] payload;
    private final int maxInFlight;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final VirtualLink.Sink toReceiver;
    private final VirtualLink.Sink toSender;
    private long now;
    private long delivered;

    public KcpBaseBulkPair(int mtu, int window, int lossPercent, long seed) {
        forward = new VirtualLink(4 * window, mtu, lossPercent, seed);
        backward = new VirtualLink(4 * window, mtu, lossPercent, seed * 31 + 7);
        sender = new Kcp(1, (buf, kcp) -> toLink(buf, forward));
        receiver = new Kcp(1, (buf, kcp) -> toLink(buf, backward));
        for (Kcp k : new Kcp[] {sender, receiver}) {
            k.setByteBufAllocator(alloc);
            k.setMtu(mtu);
            k.setSndWnd(window);
            k.setRcvWnd(window);
            k.nodelay(true, 10, 2, true);
        }
        payload = new byte[mtu - 24];
        maxInFlight = 2 * window;
        toReceiver = (d, len) -> input(receiver, d, len);
        toSender = (d, len) -> input(sender, d, len);
    }

    private static void toLink(ByteBuf buf, VirtualLink link) {
        try {
            int len = buf.readableBytes();
            byte[] slot = link.claim();
            if (slot != null && len <= slot.length) {
                buf.getBytes(buf.readerIndex(), slot, 0, len);
                link.commit(len);
            }
        } finally {
            buf.release();
        }
    }

    private void input(Kcp kcp, byte[] d, int len) {
        ByteBuf buf = alloc.heapBuffer(len);
        buf.writeBytes(d, 0, len);
        kcp.input(buf, true, now);
        buf.release();
    }

    /** Runs virtual milliseconds until {@code bytes} more payload bytes reached the receiving application. */
    public long transfer(long bytes) {
        long target = delivered + bytes;
        while (delivered < target) {
            while (sender.waitSnd() < maxInFlight) {
                ByteBuf b = alloc.heapBuffer(payload.length);
                b.writeBytes(payload);
                sender.send(b);
                b.release();
            }
            now++;
            forward.drainTo(toReceiver);
            while (receiver.canRecv()) {
                ByteBuf m = receiver.mergeRecv();
                delivered += m.readableBytes();
                m.release();
            }
            backward.drainTo(toSender);
            sender.update(now);
            receiver.update(now);
        }
        return delivered;
    }
}
