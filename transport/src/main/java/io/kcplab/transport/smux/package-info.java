/**
 * smux 1.5.16 (v1 and v2) and kcptun's snappy compression layer, as kcptun 20210922 runs them over a KCP session:
 * {@link io.kcplab.transport.smux.Frame} and the sans-I/O {@link io.kcplab.transport.smux.FrameDecoder},
 * {@link io.kcplab.transport.smux.SnappyFraming} / {@link io.kcplab.transport.smux.SnappyDeframer} (snappy's
 * framing format, one chunk per smux frame, Netty's block codec), and {@link io.kcplab.transport.smux.SmuxSession}
 * with its {@link io.kcplab.transport.smux.SmuxStream}s. See docs/kcptun.md.
 */
package io.kcplab.transport.smux;
