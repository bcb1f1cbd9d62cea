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
 * @param startMicros when the workload begins (0: as the conversation opens)
 * @param count       echo: requests, cbr: messages in all, then the source stops ({@link Long#MAX_VALUE}: no limit)
 */
public record WorkloadSpec(String type, String name, int connections, long size, int chunk, int messages,
                           long intervalMicros, long stopMicros, long bitsPerSecond, long onMicros, long offMicros,
                           boolean spread, long startMicros, long count) {

    /** The workload of this entry's connection number {@code k} (0-based within the entry). */
    public Workload create(long seed, String label, int k) {
        return switch (type) {
            case "bulk" -> new BulkTransfer(size, chunk, startMicros, seed, label);
            case "echo" -> new Echo((int) size, intervalMicros,
                    startMicros + (spread ? intervalMicros * k / connections : 0), stopMicros, count, seed, label);
            case "cbr" -> new ConstantBitRate(messages, (int) size, intervalMicros, startMicros, stopMicros, count,
                    seed, label);
            case "onoff" -> new OnOff(bitsPerSecond, onMicros, offMicros, startMicros, stopMicros, chunk, seed,
                    label);
            default -> throw new IllegalStateException("unknown workload type " + type);
        };
    }
}
