package io.kcplab.sim.trace;

import io.kcplab.sim.net.DropCause;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes down what the links did to every datagram, as {@link Fate}s keyed by (link, flow, index in flow): add it
 * to a simulation's tracer before the run, ask for {@link #script} after. It only observes trace events, so a run
 * with a recorder is the same run as without one.
 *
 * <p>How each fate is read off the events: SEND opens it (and numbers it within its flow); DUPLICATE adds a second
 * copy; CORRUPT is compared with the payload as sent to find the byte and the flipped bits (a link damages a
 * datagram while it is being sent, so the payload of the link's latest SEND is the reference); TRUNCATE gives the
 * new length; a DROP closes a copy with its cause; DELIVER closes it with its delay and its rank among the link's
 * deliveries in the same microsecond. Copies still in flight when the run ends get a delay past the end.
 */
public final class FateRecorder implements TraceSink {

    private static final class Pending {
        final String link;
        final int srcPort;
        final int dstPort;
        final long index;
        final long sendMicros;
        final long seq;
        final Fate.Copy[] copies = new Fate.Copy[2];
        final int[] corruptAt = {-1, -1};
        final int[] corruptMask = new int[2];
        final int[] truncateTo = {-1, -1};
        int count = 1;
        int open = 1;

        Pending(String link, int srcPort, int dstPort, long index, long sendMicros, long seq) {
            this.seq = seq;
            this.link = link;
            this.srcPort = srcPort;
            this.dstPort = dstPort;
            this.index = index;
            this.sendMicros = sendMicros;
        }
    }

    private static final class LinkState {
        final Map<Long, Pending> inFlight = new HashMap<>();
        byte[] lastPayload = new byte[2048];
        int lastLength;
        long tick = -1;
        int rank;                 // deliveries so far in this tick
        long lastAdmission;       // admission key of the previous delivery in this tick
        boolean inAdmissionOrder; // every delivery so far in this tick came in admission order
    }

    private final Map<Link, LinkState> links = new IdentityHashMap<>();
    private final Map<String, long[]> flowCounts = new HashMap<>();
    private final List<Pending> all = new ArrayList<>();

    @Override
    public void onLinkEvent(long timeMicros, TraceKind kind, Link link, Packet packet) {
        if (link == null || packet == null) {
            return;
        }
        LinkState ls = links.computeIfAbsent(link, l -> new LinkState());
        int c = packet.isDuplicate() ? 1 : 0;
        switch (kind) {
            case SEND -> {
                String flow = link.name() + ' ' + packet.srcPort() + '>' + packet.dstPort();
                long index = flowCounts.computeIfAbsent(flow, f -> new long[1])[0]++;
                Pending p = new Pending(link.name(), packet.srcPort(), packet.dstPort(), index, timeMicros,
                        all.size());
                all.add(p);
                ls.inFlight.put(packet.id(), p);
                if (ls.lastPayload.length < packet.length()) {
                    ls.lastPayload = new byte[packet.length()];
                }
                System.arraycopy(packet.data(), 0, ls.lastPayload, 0, packet.length());
                ls.lastLength = packet.length();
            }
            case DUPLICATE -> {
                Pending p = ls.inFlight.get(packet.id());
                if (p != null) {
                    p.count = 2;
                    p.open++;
                }
            }
            case CORRUPT -> {
                Pending p = ls.inFlight.get(packet.id());
                if (p != null) {
                    int n = Math.min(packet.length(), ls.lastLength);
                    for (int i = 0; i < n; i++) {
                        int diff = (packet.data()[i] ^ ls.lastPayload[i]) & 0xFF;
                        if (diff != 0) {
                            p.corruptAt[c] = i;
                            p.corruptMask[c] = diff;
                            break;
                        }
                    }
                }
            }
            case TRUNCATE -> {
                Pending p = ls.inFlight.get(packet.id());
                if (p != null) {
                    p.truncateTo[c] = packet.length();
                }
            }
            case DROP_LOSS, DROP_QUEUE, DROP_MTU, DROP_OUTAGE -> {
                Pending p = ls.inFlight.get(packet.id());
                if (p != null) {
                    close(ls, packet, c, Fate.Copy.droppedBy(cause(kind), p.corruptAt[c], p.corruptMask[c],
                            p.truncateTo[c]));
                }
            }
            case DELIVER -> {
                if (ls.tick != timeMicros) {
                    ls.tick = timeMicros;
                    ls.rank = 0;
                    ls.lastAdmission = Long.MIN_VALUE;
                    ls.inAdmissionOrder = true;
                }
                Pending p = ls.inFlight.get(packet.id());
                if (p != null) {
                    // A replay delivers equal ranks in admission order (a duplicate is admitted before its
                    // original); a rank is written only once the tick's deliveries leave that order.
                    long admission = p.seq * 2 + (1 - c);
                    if (admission < ls.lastAdmission) {
                        ls.inAdmissionOrder = false;
                    }
                    ls.lastAdmission = admission;
                    int order = ls.inAdmissionOrder ? 0 : Math.min(ls.rank, Fate.MAX_ORDER);
                    close(ls, packet, c, Fate.Copy.delivered(timeMicros - p.sendMicros, order, p.corruptAt[c],
                            p.corruptMask[c], p.truncateTo[c]));
                }
                ls.rank++;
            }
            default -> {
            }
        }
    }

    private static void close(LinkState ls, Packet packet, int c, Fate.Copy copy) {
        Pending p = ls.inFlight.get(packet.id());
        if (p == null) {
            return;
        }
        p.copies[c] = copy;
        if (--p.open == 0) {
            ls.inFlight.remove(packet.id());
        }
    }

    private static DropCause cause(TraceKind kind) {
        return switch (kind) {
            case DROP_LOSS -> DropCause.LOSS;
            case DROP_QUEUE -> DropCause.QUEUE;
            case DROP_MTU -> DropCause.MTU;
            default -> DropCause.OUTAGE;
        };
    }

    /** Datagrams seen so far. */
    public int datagrams() {
        return all.size();
    }

    /**
     * Every recorded fate except plain deliveries after the link's base delay (those are the script's default).
     * Copies still in flight at {@code endMicros} get a delay that ends after it.
     */
    public List<FaultEntry> entries(FaultSettings settings, long endMicros) {
        List<FaultEntry> out = new ArrayList<>();
        for (Pending p : all) {
            Fate.Copy[] cs = new Fate.Copy[p.count];
            for (int i = 0; i < p.count; i++) {
                Fate.Copy copy = p.copies[i];
                if (copy == null) {
                    copy = Fate.Copy.delivered(endMicros + 1 - p.sendMicros, 0, p.corruptAt[i], p.corruptMask[i],
                            p.truncateTo[i]);
                }
                cs[i] = copy;
            }
            Fate fate = new Fate(List.of(cs));
            if (!fate.isPlainDelivery(settings.baseDelay(p.link))) {
                out.add(new FaultEntry(p.link, p.srcPort, p.dstPort, p.index, fate));
            }
        }
        return out;
    }

    /** The run so far as a fault script with {@code settings} as its header. */
    public FaultScript script(FaultSettings settings, List<String> notes, long endMicros) {
        return new FaultScript(settings, entries(settings, endMicros), notes);
    }
}
