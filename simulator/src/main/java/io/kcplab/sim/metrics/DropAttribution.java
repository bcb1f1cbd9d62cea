package io.kcplab.sim.metrics;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;
import io.kcplab.sim.trace.TraceKind;
import io.kcplab.sim.trace.TraceSink;

/**
 * Charges each datagram the path drops to the conversation it belongs to, by direction and cause, so results can
 * say which flow lost what. Conversations are told apart by the client's UDP port (the source on the forward link,
 * the destination on the reverse one). It only counts: attaching it changes nothing the simulation does.
 */
public final class DropAttribution implements TraceSink {

    private final Link forward;
    private final Link reverse;
    private final ConversationMetrics[] byClientPort = new ConversationMetrics[65_536];

    public DropAttribution(Link forward, Link reverse) {
        this.forward = forward;
        this.reverse = reverse;
    }

    /** Datagrams to or from {@code clientPort} are {@code conversation}'s. */
    public void add(int clientPort, ConversationMetrics conversation) {
        byClientPort[clientPort] = conversation;
    }

    @Override
    public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
        int cause = switch (kind) {
            case DROP_LOSS -> link.lastLossInBurst() ? ConversationMetrics.BURST_LOSS : ConversationMetrics.RANDOM_LOSS;
            case DROP_QUEUE -> ConversationMetrics.QUEUE_DROP;
            case DROP_MTU -> ConversationMetrics.MTU_DROP;
            case DROP_OUTAGE -> ConversationMetrics.OUTAGE_DROP;
            default -> -1;
        };
        if (cause < 0) {
            return;
        }
        boolean upstream = link == forward;
        if (!upstream && link != reverse) {
            return;
        }
        ConversationMetrics c = byClientPort[upstream ? packet.srcPort() : packet.dstPort()];
        if (c != null) {
            c.dropped(upstream, cause);
        }
    }
}
