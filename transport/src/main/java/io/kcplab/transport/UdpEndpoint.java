package io.kcplab.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * One UDP socket as the sessions on its event loop see it: datagrams are written without a flush and the socket
 * is flushed once at the end of the loop's current batch (a read batch, a timer batch or an application wake-up),
 * so the epoll transport hands them to the kernel with one sendmmsg. Used only on its loop.
 */
final class UdpEndpoint {

    private final Channel channel;
    private final SessionLoop loop;
    private boolean dirty;

    UdpEndpoint(Channel channel, SessionLoop loop) {
        this.channel = channel;
        this.loop = loop;
    }

    Channel channel() {
        return channel;
    }

    SessionLoop loop() {
        return loop;
    }

    /**
     * Queues one datagram. Netty's API forces one {@link DatagramPacket} object per datagram; the payload goes into
     * a pooled direct buffer.
     *
     * @return false if it was dropped because the socket's send queue is over its high-water mark (KCP resends)
     */
    boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        if (!channel.isWritable()) {
            return false;
        }
        ByteBuf b = channel.alloc().directBuffer(len, len);
        b.writeBytes(buf, off, len);
        channel.write(new DatagramPacket(b, to), channel.voidPromise());
        if (!dirty) {
            dirty = true;
            loop.markDirty(this);
        }
        return true;
    }

    /** Hands queued datagrams to the socket (one sendmmsg on epoll). */
    void flush() {
        dirty = false;
        channel.flush();
    }
}
