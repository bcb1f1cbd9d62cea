/**
 * The engine of {@code kcplab tunnel}: kcptun's client ({@link io.kcplab.transport.tunnel.TunnelClient}: TCP in,
 * one smux stream per connection over {@code conn} KCP sessions) and server
 * ({@link io.kcplab.transport.tunnel.TunnelServer}: KCP sessions in, one TCP connection to the target per stream),
 * their counters and kcptun's {@code --snmplog} CSV ({@link io.kcplab.transport.tunnel.SnmpLog}). See
 * docs/kcptun.md.
 */
package io.kcplab.transport.tunnel;
