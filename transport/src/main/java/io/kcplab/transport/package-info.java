/**
 * KCP sessions over real UDP: the I/O driver around the sans-I/O {@code io.kcplab.protocol.Connection}. All socket
 * I/O of KcpLab lives in this module (Netty's native epoll transport on Linux, NIO elsewhere).
 *
 * <p>Entry points: {@link io.kcplab.transport.KcpTransport} (the event loops), {@link io.kcplab.transport.KcpListener}
 * (accepts conversations on a port), {@link io.kcplab.transport.KcpSession} (one conversation: streams, messages,
 * deadlines, counters) and {@link io.kcplab.transport.SessionOptions}.
 */
package io.kcplab.transport;
