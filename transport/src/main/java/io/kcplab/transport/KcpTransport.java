package io.kcplab.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O engine behind KCP sessions: a fixed number of event-loop threads, whatever the number of sessions.
 * Each session lives on one loop, which alone touches its protocol state and drives its timers from the loop's
 * timer wheel. On Linux it uses Netty's native epoll transport (datagrams read with recvmmsg and written with
 * sendmmsg, in batches); elsewhere NIO.
 *
 * <p>Create one per application (or per test) and close it: closing ends every listener and session on it.
 */
public final class KcpTransport implements Closeable {

    /** Bytes reserved per received datagram: above the 1500-byte limit, so longer datagrams are seen and counted. */
    static final int DATAGRAM_SLOT = 2048;
    /** Datagrams one recvmmsg call may return. */
    static final int RECEIVE_BATCH = 16;

    private static final AtomicInteger IDS = new AtomicInteger();

    private final MultiThreadIoEventLoopGroup group;
    private final boolean epoll;
    private final int threads;
    private final String threadNamePrefix;
    private final Map<EventExecutor, SessionLoop> loopsByExecutor;
    private final List<SessionLoop> loops;
    private final Set<KcpListener> listeners = ConcurrentHashMap.newKeySet();
    private final Set<KcpSession> dialled = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private KcpTransport(int threads, boolean preferEpoll) {
        this.threads = threads;
        this.epoll = preferEpoll && Epoll.isAvailable();
        this.threadNamePrefix = "kcplab-loop-" + IDS.incrementAndGet();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadNamePrefix, true), io);
        Map<EventExecutor, SessionLoop> byExecutor = new IdentityHashMap<>();
        List<SessionLoop> all = new ArrayList<>();
        for (EventExecutor e : group) {
            SessionLoop l = new SessionLoop((EventLoop) e);
            byExecutor.put(e, l);
            all.add(l);
        }
        this.loopsByExecutor = byExecutor;
        this.loops = Collections.unmodifiableList(all);
    }

    /** A transport with one event loop per available processor. */
    public static KcpTransport create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** A transport with {@code threads} event loops (1..1024), native epoll when available. */
    public static KcpTransport create(int threads) {
        return create(threads, true);
    }

    /**
     * @param threads     event-loop threads, 1..1024
     * @param nativeEpoll false forces the NIO transport even where epoll is available
     */
    public static KcpTransport create(int threads, boolean nativeEpoll) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads: " + threads + " is out of range; accepted: 1..1024");
        }
        return new KcpTransport(threads, nativeEpoll);
    }

    public int threads() {
        return threads;
    }

    /** True when Netty's native epoll transport is in use (recvmmsg/sendmmsg). */
    public boolean isNativeEpoll() {
        return epoll;
    }

    /** The name prefix of this transport's event-loop threads. */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes every listener and session ({@link CloseReason#TRANSPORT_CLOSED}) and stops the event loops.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (KcpListener l : new ArrayList<>(listeners)) {
            l.closeWith(CloseReason.TRANSPORT_CLOSED);
        }
        for (KcpSession s : new ArrayList<>(dialled)) {
            s.driver().closeFromOutside(CloseReason.TRANSPORT_CLOSED);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        for (KcpSession s : new ArrayList<>(dialled)) {
            s.markClosed(CloseReason.TRANSPORT_CLOSED); // if the loop stopped before running the close
        }
        dialled.clear();
    }

    // ------------------------------------------------------------------------------------- package

    List<SessionLoop> loops() {
        return loops;
    }

    SessionLoop nextLoop() {
        return loopsByExecutor.get(group.next());
    }

    void register(KcpListener l) {
        listeners.add(l);
        if (closed) {
            l.closeWith(CloseReason.TRANSPORT_CLOSED);
        }
    }

    void forget(KcpListener l) {
        listeners.remove(l);
    }

    void forget(KcpSession s) {
        dialled.remove(s);
    }

    KcpSession dial(InetSocketAddress remote, SessionOptions options, int conv) throws IOException {
        if (closed) {
            throw new IOException("KCP transport is closed");
        }
        SessionLoop loop = nextLoop();
        ClientHandler handler = new ClientHandler(loop, remote);
        InetAddress any = remote.getAddress() instanceof Inet6Address
                ? InetAddress.getByName("::") : InetAddress.getByName("0.0.0.0");
        Channel ch = openSocket(loop, options, new InetSocketAddress(any, 0), handler, false);
        UdpEndpoint endpoint = new UdpEndpoint(ch, loop);
        KcpSession s = new KcpSession(this, options, conv, loop, endpoint, remote, handler, true);
        handler.attach(s.driver(), endpoint);
        dialled.add(s);
        io.netty.util.concurrent.Future<?> started;
        try {
            started = loop.eventLoop().submit(() -> {
                s.driver().start(conv, MonotonicClock.nowMs());
                loop.flushDirty();
            });
        } catch (RejectedExecutionException e) {
            ch.close();
            dialled.remove(s);
            throw new IOException("KCP transport is closed");
        }
        if (!started.awaitUninterruptibly(10, TimeUnit.SECONDS) || !started.isSuccess() || !s.isOpen()) {
            s.driver().closeFromOutside(CloseReason.ERROR);
            ch.close();
            dialled.remove(s);
            throw new IOException("could not start the KCP session", started.cause());
        }
        return s;
    }

    /** Opens and binds one UDP socket on {@code loop}. */
    Channel openSocket(SessionLoop loop, SessionOptions o, InetSocketAddress local, ChannelHandler handler,
                       boolean reusePort) throws IOException {
        SocketProtocolFamily family = local.getAddress() instanceof Inet6Address
                ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        ChannelFactory<Channel> factory = epoll
                ? () -> new EpollDatagramChannel(family) : () -> new NioDatagramChannel(family);
        Bootstrap b = new Bootstrap().group(loop.eventLoop()).channelFactory(factory).handler(handler)
                // High marks: a whole KCP window may leave in one flush; beyond them datagrams are dropped (counted).
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(2 << 20, 8 << 20));
        if (epoll) {
            // recvmmsg: one pooled buffer holds RECEIVE_BATCH datagram slots, each delivered as a slice
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DATAGRAM_SLOT)
                    .option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(DATAGRAM_SLOT * RECEIVE_BATCH).maxMessagesPerRead(16));
            if (reusePort) {
                b.option(EpollChannelOption.SO_REUSEPORT, true);
            }
        } else {
            b.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM_SLOT)
                    .maxMessagesPerRead(RECEIVE_BATCH * 16));
        }
        if (o.socketReceiveBuffer() > 0) {
            b.option(ChannelOption.SO_RCVBUF, o.socketReceiveBuffer());
        }
        if (o.socketSendBuffer() > 0) {
            b.option(ChannelOption.SO_SNDBUF, o.socketSendBuffer());
        }
        if (o.dscp() > 0) {
            b.option(ChannelOption.IP_TOS, o.dscp() << 2);
        }
        ChannelFuture f = b.bind(local).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            if (c instanceof IOException) {
                IOException e = c instanceof java.net.BindException
                        ? new java.net.BindException("cannot bind " + local + ": " + c.getMessage())
                        : new IOException("cannot bind " + local + ": " + c.getMessage());
                e.initCause(c);
                throw e;
            }
            throw new IOException("cannot bind " + local, c);
        }
        return f.channel();
    }
}
