package io.kcplab.scenarios.spec;

import io.kcplab.sim.node.BulkTransfer;
import io.kcplab.sim.node.ConstantBitRate;
import io.kcplab.sim.node.Echo;
import io.kcplab.sim.node.OnOff;
import io.kcplab.sim.node.Workload;

/**
 * One {@code workloads:} entry: a traffic type with its parameters, run on {@code connections} conversations.
 *
 * @param name        label of its connections ("bulk", or "bulk-0", "bulk-1" for several)
 * @param size        bulk: total bytes; echo: request bytes; cbr: message bytes
 * @param chunk       bulk/onoff: write size
 * @param intervalMicros echo/cbr: period
 * @param stopMicros  echo/cbr/onoff: when the source stops
 * @param spread      echo: the connections' first requests are spread evenly over one interval
 */
public record WorkloadSpec(String type, String name, int connections, long size, int chunk, int messages,
                           long intervalMicros, long stopMicros, long bitsPerSecond, long onMicros, long offMicros,
                           boolean spread) {

    /** The workload of this entry's connection number {@code k} (0-based within the entry). */
    public Workload create(long seed, String label, int k) {
        return switch (type) {
            case "bulk" -> new BulkTransfer(size, chunk, seed, label);
            case "echo" -> new Echo((int) size, intervalMicros, spread ? intervalMicros * k / connections : 0,
                    stopMicros, seed, label);
            case "cbr" -> new ConstantBitRate(messages, (int) size, intervalMicros, stopMicros, seed, label);
            case "onoff" -> new OnOff(bitsPerSecond, onMicros, offMicros, stopMicros, chunk, seed, label);
            default -> throw new IllegalStateException("unknown workload type " + type);
        };
    }
}
