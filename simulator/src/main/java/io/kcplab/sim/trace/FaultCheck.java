package io.kcplab.sim.trace;

import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.metrics.ByteStream;
import io.kcplab.sim.metrics.ConversationMetrics;
import io.kcplab.sim.net.Link;
import io.kcplab.sim.node.Workload;

/** A property of a finished run; {@code null} means it holds. */
@FunctionalInterface
public interface FaultCheck {

    /**
     * Why a run failed. {@code kind} is what a shrinker keeps constant ("the same failure"); {@code liveness}
     * marks failures that a shorter run would produce by itself (nothing finished yet), so the run's duration is
     * not shrunk for them.
     */
    record Failure(String kind, boolean liveness, String detail) {
        @Override
        public String toString() {
            return kind + ": " + detail;
        }
    }

    Failure check(ExperimentResult result);

    /**
     * The transport's promise: bytes arrive intact, in order, never more than written; links conserve datagrams;
     * with {@code requireFinished}, every workload finished within the run.
     */
    static FaultCheck delivery(boolean requireFinished) {
        return r -> {
            for (int i = 0; i < r.conversations().size(); i++) {
                ConversationMetrics m = r.conversations().get(i);
                if (m.integrityErrors() != 0) {
                    return new Failure("damaged", false, m.integrityErrors() + " bytes of conversation "
                            + m.index() + " arrived damaged or out of order");
                }
                Workload w = r.workloads().get(i);
                for (ByteStream s : new ByteStream[] {w.upstream(), w.downstream()}) {
                    if (s != null && s.delivered() > s.written()) {
                        return new Failure("excess", false, "conversation " + m.index() + " read "
                                + s.delivered() + " bytes of " + s.written() + " written");
                    }
                }
            }
            for (Link l : new Link[] {r.path().forward(), r.path().reverse()}) {
                if (!l.counters().conserved()) {
                    return new Failure("not conserved", false, l.name() + ": " + l.counters());
                }
            }
            if (requireFinished && !r.finished()) {
                StringBuilder b = new StringBuilder("not finished after " + r.endMicros() + " µs:");
                for (int i = 0; i < r.workloads().size(); i++) {
                    Workload w = r.workloads().get(i);
                    if (!w.finished() && w.upstream() != null) {
                        b.append(" conversation ").append(r.conversations().get(i).index()).append(" delivered ")
                                .append(w.upstream().delivered()).append(" of ")
                                .append(w.upstream().delivered() + w.upstream().backlog()
                                        + (w.upstream().written() - w.upstream().delivered()));
                    }
                }
                return new Failure("unfinished", true, b.toString());
            }
            return null;
        };
    }
}
