package io.kcplab.sim.node;

import io.kcplab.sim.net.Link;
import io.kcplab.sim.net.LinkSchedule;

/** Two hosts joined by two independent directions, each with its own profile and counters. */
public record Path(Host a, Host b, Link forward, Link reverse) {

    /** Both directions down in [fromMicros, untilMicros): a network partition between a and b. */
    public Path partition(long fromMicros, long untilMicros) {
        LinkSchedule s = LinkSchedule.builder().outage(fromMicros, untilMicros).build();
        s.applyTo(a.network().simulation(), forward);
        s.applyTo(a.network().simulation(), reverse);
        return this;
    }
}
