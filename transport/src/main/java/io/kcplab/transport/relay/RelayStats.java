package io.kcplab.transport.relay;

import java.util.Locale;

/**
 * A snapshot of a relay's counters.
 *
 * @param elapsedMicros  time since the relay started
 * @param clientsActive  client addresses served now
 * @param clientsOpened  client addresses served so far
 * @param clientsExpired forgotten after their idle timeout
 * @param refused        datagrams from a new client address refused because {@code maxClients} were active
 * @param up             client → target
 * @param down           target → client
 */
public record RelayStats(long elapsedMicros, int clientsActive, long clientsOpened, long clientsExpired,
                         long refused, Direction up, Direction down) {

    /**
     * One direction. Conservation, per direction: {@code received - refused - oversized == path.offered} (up; down
     * has no refusals) and {@code path.delivered == forwarded + sendFailed + orphaned}.
     *
     * @param received       datagrams read from the socket
     * @param receivedBytes  their payload bytes
     * @param forwarded      datagrams the path delivered and the socket accepted
     * @param forwardedBytes their payload bytes
     * @param sendFailed     delivered but not sent: socket buffer full or a send error (ICMP unreachable...)
     * @param orphaned       delivered after their client was forgotten (idle timeout)
     * @param receiveErrors  errors reported by the receiving socket (on the target side: ICMP port unreachable
     *                       when nothing listens at the target), and datagrams over {@link UdpRelay#MAX_PAYLOAD}
     *                       bytes (possible over IPv6 only), which are dropped
     * @param lateMeanMicros mean of (send time - due time): how late the wall-clock loop released datagrams
     * @param lateMaxMicros  the worst of it
     * @param path           what the path did
     */
    public record Direction(long received, long receivedBytes, long forwarded, long forwardedBytes, long sendFailed,
                            long orphaned, long receiveErrors, long lateMeanMicros, long lateMaxMicros, PathStats path) {
    }

    /** A few human-readable lines. */
    public String format(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(String.format(Locale.ROOT, " after %.2f s: %d client%s active (%d seen, %d expired",
                elapsedMicros / 1e6, clientsActive, clientsActive == 1 ? "" : "s", clientsOpened, clientsExpired));
        sb.append(", ").append(refused).append(" datagrams refused over the client limit)\n");
        line(sb, "up  ", up);
        sb.append('\n');
        line(sb, "down", down);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, Direction d) {
        PathStats p = d.path;
        sb.append("  ").append(name).append(' ');
        if (!p.description().isEmpty()) {
            sb.append('[').append(p.description()).append("] ");
        }
        sb.append("received ").append(d.received).append(" (").append(d.receivedBytes).append(" B), forwarded ")
                .append(d.forwarded).append(" (").append(d.forwardedBytes).append(" B)");
        sb.append("; dropped ").append(p.dropped()).append(": loss ").append(p.lost())
                .append(" (").append(p.burstLost()).append(" in bursts of 2+, longest ").append(p.longestBurst())
                .append("), queue overflow ").append(p.queueDropped()).append(", mtu ").append(p.mtuDropped())
                .append(", outage ").append(p.outageDropped());
        sb.append("; corrupted ").append(p.corrupted()).append(", duplicated ").append(p.duplicated())
                .append(", truncated ").append(p.truncated()).append(", reordered ").append(p.reordered())
                .append("; in flight ").append(p.inFlight())
                .append("; send failed ").append(d.sendFailed).append(", client gone ").append(d.orphaned)
                .append(", receive errors ").append(d.receiveErrors);
        sb.append(String.format(Locale.ROOT, "; late mean %.3f ms, max %.3f ms", d.lateMeanMicros / 1e3,
                d.lateMaxMicros / 1e3));
    }
}
