package io.kcplab.scenarios;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.scenarios.spec.LinkSpec;
import io.kcplab.scenarios.spec.WorkloadSpec;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.node.Workload;
import io.kcplab.transport.HostSimd;
import java.util.ArrayList;
import java.util.List;

/**
 * One fully resolved case of a scenario file (every sweep list replaced by one value): the path, the protocol
 * settings, the workloads and the timing. {@link #experiment(long)} turns it into a simulator run for one seed.
 *
 * @param partitions   [from, until) µs intervals during which both directions are down
 * @param config       the client's protocol settings (both ends' unless the file gives an end its own)
 * @param serverConfig the server's protocol settings
 */
public record Scenario(String name, String description, LinkSpec up, LinkSpec down, List<long[]> partitions,
                       ConnectionConfig config, ConnectionConfig serverConfig, List<WorkloadSpec> workloads,
                       long durationMicros, long sampleMicros, boolean stopWhenFinished) {

    public Scenario {
        partitions = List.copyOf(partitions);
        workloads = List.copyOf(workloads);
    }

    public int conversations() {
        int n = 0;
        for (WorkloadSpec w : workloads) {
            n += w.connections();
        }
        return n;
    }

    /** Connection labels in conversation order: the workload name, numbered when it has several connections. */
    public List<String> connectionLabels() {
        List<String> labels = new ArrayList<>();
        java.util.Map<String, Integer> uses = new java.util.HashMap<>();
        for (WorkloadSpec w : workloads) {
            uses.merge(w.name(), w.connections(), Integer::sum);
        }
        java.util.Map<String, Integer> next = new java.util.HashMap<>();
        for (WorkloadSpec w : workloads) {
            for (int k = 0; k < w.connections(); k++) {
                int i = next.merge(w.name(), 1, Integer::sum) - 1;
                labels.add(uses.get(w.name()) == 1 ? w.name() : w.name() + "-" + i);
            }
        }
        return labels;
    }

    /** The workload entry conversation {@code index} runs. */
    public WorkloadSpec workloadOf(int index) {
        int i = index;
        for (WorkloadSpec w : workloads) {
            if (i < w.connections()) {
                return w;
            }
            i -= w.connections();
        }
        throw new IndexOutOfBoundsException("conversation " + index + " of " + conversations());
    }

    /** Conversation {@code index}'s number within its workload entry. */
    public int indexInWorkload(int index) {
        int i = index;
        for (WorkloadSpec w : workloads) {
            if (i < w.connections()) {
                return i;
            }
            i -= w.connections();
        }
        throw new IndexOutOfBoundsException("conversation " + index + " of " + conversations());
    }

    public Experiment experiment(long seed) {
        List<String> labels = connectionLabels();
        return Experiment.builder(seed)
                .links(up.profile(), down.profile())
                .schedules(up.schedule(partitions), down.schedule(partitions))
                // the host's Vector API settings: same bytes, only the speed of FEC and checksums depends on them
                .configs(HostSimd.onThisHost(config), HostSimd.onThisHost(serverConfig))
                .conversations(conversations(), (i, s) -> {
                    Workload w = workloadOf(i).create(s, labels.get(i), indexInWorkload(i));
                    return w;
                })
                .duration(durationMicros)
                .sampleInterval(sampleMicros)
                .stopWhenFinished(stopWhenFinished)
                .build();
    }
}
