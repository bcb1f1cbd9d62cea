package io.kcplab.transport;

import io.kcplab.protocol.wire.DatagramInspector;
import io.kcplab.protocol.wire.PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Demultiplexes one listening socket's datagrams to conversations, as kcp-go's {@code Listener.packetInput}: a
 * table keyed by the remote address, confined to the socket's event loop (no locks).
 * <ul>
 *   <li>known address: the datagram goes to that session; if its engine rejects it and the datagram carries
 *       another conversation with sn 0 (a client restarted on the same port), the old session is replaced; any
 *       other conversation is dropped and counted;</li>
 *   <li>new address: only an authentic datagram (decrypts, checksum or MAC verifies, a KCP command) carrying a
 *       conversation may open a session, within the session limit and the accept backlog. Anything else is
 *       dropped and counted, and never answered.</li>
 * </ul>
 */
final class ListenerHandler extends ChannelInboundHandlerAdapter implements SessionDriver.Owner {

    private static final int CMD_PUSH = 81;

    private final KcpListener listener;
    private final SessionLoop loop;
    private final DatagramInspector inspector;
    private final DatagramReader reader = new DatagramReader();
    private final HashMap<InetSocketAddress, SessionDriver> sessions = new HashMap<>();
    private final RecentlyClosed recentlyClosed = new RecentlyClosed();
    private UdpEndpoint endpoint;

    ListenerHandler(KcpListener listener, SessionLoop loop) {
        this.listener = listener;
        this.loop = loop;
        this.inspector = DatagramInspector.of(listener.options().connection());
    }

    void attach(UdpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    SessionLoop loop() {
        return loop;
    }

    UdpEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // Netty's API forces a DatagramPacket and a sender address object per datagram; nothing else allocates.
        DatagramPacket p = (DatagramPacket) msg;
        try {
            ByteBuf c = p.content();
            int len = c.readableBytes();
            if (len > PacketCodec.MTU_LIMIT) {
                listener.count(SnmpField.OVERSIZE_DATAGRAMS);
                return;
            }
            reader.load(c, len, loop);
            demultiplex(p.sender(), reader.array(), reader.offset(), len, MonotonicClock.nowMs());
        } catch (RuntimeException e) {
            listener.count(SnmpField.LOOP_ERRORS);
        } finally {
            p.release();
        }
    }

    private void demultiplex(InetSocketAddress from, byte[] d, int off, int len, long now) {
        SessionDriver s = sessions.get(from);
        if (s != null) {
            long rejected = s.kcpInErrors();
            s.onDatagram(d, off, len, now);
            if (s.kcpInErrors() == rejected) {
                return;
            }
            // The engine refused it: inspect (the rare path) to tell another conversation from noise.
            if (inspector.inspect(d, off, len) != DatagramInspector.CONV || inspector.conv() == s.conv()) {
                return;
            }
            if (inspector.sn() != 0) {
                listener.count(SnmpField.UNKNOWN_CONV);
                return;
            }
            s.close(CloseReason.REPLACED);
            open(from, inspector.conv(), d, off, len, now);
            return;
        }
        int kind = inspector.inspect(d, off, len);
        if (kind != DatagramInspector.CONV) {
            listener.count(SnmpField.BAD_DATAGRAMS); // forged, corrupt, not KCP, or a parity packet: no session
            return;
        }
        if (inspector.command() != CMD_PUSH || recentlyClosed.contains(from, inspector.conv(), now)) {
            // A new conversation starts with data. An ACK or window probe from a stranger, or any datagram of a
            // conversation this socket just closed, is the tail of a finished session: opening one would make a
            // zombie that accept() hands out (kcp-go opens it; KcpLab drops and counts it).
            listener.count(SnmpField.STALE_CONV);
            return;
        }
        open(from, inspector.conv(), d, off, len, now);
    }

    private void open(InetSocketAddress from, int conv, byte[] d, int off, int len, long now) {
        if (!listener.reserveSession()) {
            return; // counted by the listener (over max sessions, backlog full or closed)
        }
        KcpSession session = new KcpSession(listener.transport(), listener.options(), conv, loop, endpoint, from,
                this, false);
        SessionDriver driver = session.driver();
        sessions.put(from, driver);
        listener.track(session);
        driver.start(conv, now);
        driver.onDatagram(d, off, len, now);
        listener.deliver(session);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        loop.flushDirty(); // end of a read batch: one sendmmsg for the replies the batch produced
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.count(SnmpField.LOOP_ERRORS);
    }

    @Override
    public void sessionClosed(SessionDriver d) {
        if (sessions.remove(d.remote(), d)) {
            recentlyClosed.add(d.remote(), d.conv(), MonotonicClock.nowMs());
        }
        listener.sessionClosed(d.session());
    }

    /** Closes every session of this socket (listener or transport closing). Runs on the loop. */
    void closeAll(CloseReason reason) {
        for (SessionDriver d : new ArrayList<>(sessions.values())) {
            d.close(reason);
        }
        loop.flushDirty();
    }
}
