package io.kcplab.scenarios.spec;

import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LinkSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a scenario's path: the profile it starts with and its timed changes (handover to another
 * profile at t, outages).
 */
public record LinkSpec(LinkProfile profile, List<Change> changes) {

    public static final LinkSpec PERFECT = new LinkSpec(LinkProfile.PERFECT, List.of());

    /** At {@code atMicros}: switch to {@code to} (when non-null) and/or go down for {@code outageMicros} (when > 0). */
    public record Change(long atMicros, LinkProfile to, long outageMicros) {
    }

    public LinkSpec {
        changes = List.copyOf(changes);
    }

    public LinkSpec withProfile(LinkProfile p) {
        return new LinkSpec(p, changes);
    }

    public LinkSpec plus(List<Change> more) {
        List<Change> all = new ArrayList<>(changes);
        all.addAll(more);
        return new LinkSpec(profile, all);
    }

    /** The simulator schedule, with {@code extraOutages} ([from, until) pairs, e.g. partitions) added; null if none. */
    public LinkSchedule schedule(List<long[]> extraOutages) {
        if (changes.isEmpty() && extraOutages.isEmpty()) {
            return null;
        }
        LinkSchedule.Builder b = LinkSchedule.builder();
        for (Change c : changes) {
            if (c.to() != null) {
                b.at(c.atMicros(), c.to());
            }
            if (c.outageMicros() > 0) {
                b.outage(c.atMicros(), c.atMicros() + c.outageMicros());
            }
        }
        for (long[] o : extraOutages) {
            b.outage(o[0], o[1]);
        }
        return b.build();
    }
}
