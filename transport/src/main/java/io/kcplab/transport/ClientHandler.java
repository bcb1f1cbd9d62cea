package io.kcplab.transport;

import io.kcplab.protocol.wire.PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The socket of a dialled session: accepts datagrams only from the session's remote address (others count as
 * InErrs, as in kcp-go's client read loop) and closes the socket when the session closes.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter implements SessionDriver.Owner {

    private final SessionLoop loop;
    private final InetSocketAddress remote;
    private final DatagramReader reader = new DatagramReader();
    private SessionDriver driver;
    private UdpEndpoint endpoint;

    ClientHandler(SessionLoop loop, InetSocketAddress remote) {
        this.loop = loop;
        this.remote = remote;
    }

    void attach(SessionDriver driver, UdpEndpoint endpoint) {
        this.driver = driver;
        this.endpoint = endpoint;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        DatagramPacket p = (DatagramPacket) msg;
        try {
            SessionDriver d = driver;
            if (d == null) {
                return;
            }
            if (!remote.equals(p.sender())) {
                d.countBadSource();
                return;
            }
            ByteBuf c = p.content();
            int len = Math.min(c.readableBytes(), PacketCodec.MTU_LIMIT + 1); // longer: the codec counts oversize
            reader.load(c, len, loop);
            d.onDatagram(reader.array(), reader.offset(), len, MonotonicClock.nowMs());
        } catch (RuntimeException e) {
            if (driver != null) {
                driver.countLoopError();
            }
        } finally {
            p.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        loop.flushDirty(); // end of a read batch: one sendmmsg for what the batch made the session send
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (driver != null) {
            driver.countLoopError(); // e.g. ICMP port unreachable surfacing as a socket error; KCP retries
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (driver != null) {
            driver.close(CloseReason.ERROR); // the socket went away under the session (no-op after a close)
        }
    }

    @Override
    public void sessionClosed(SessionDriver d) {
        endpoint.flush();
        endpoint.channel().close();
        d.session().transport().forget(d.session());
    }
}
