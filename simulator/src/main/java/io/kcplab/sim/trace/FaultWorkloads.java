package io.kcplab.sim.trace;

import io.kcplab.sim.node.BulkTransfer;
import io.kcplab.sim.node.ConstantBitRate;
import io.kcplab.sim.node.Echo;
import io.kcplab.sim.node.OnOff;
import io.kcplab.sim.node.Workload;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link WorkloadSpec} into a workload. {@link #standard()} knows the simulator's workloads; tests add
 * their own kinds (for example an application with a planted bug) with {@link #with}.
 *
 * <pre>
 *   bulk   bytes=N chunk=N
 *   echo   size=N interval=US stop=US
 *   cbr    messages=N size=N interval=US stop=US
 *   onoff  bps=N on=US off=US stop=US chunk=N
 * </pre>
 */
public final class FaultWorkloads {

    /** Makes the workload for one conversation from its spec and its workload seed. */
    @FunctionalInterface
    public interface Factory {
        Workload create(WorkloadSpec spec, long seed, String name);
    }

    private final Map<String, Factory> kinds;

    private FaultWorkloads(Map<String, Factory> kinds) {
        this.kinds = kinds;
    }

    public static FaultWorkloads standard() {
        Map<String, Factory> m = new LinkedHashMap<>();
        m.put("bulk", (s, seed, name) -> new BulkTransfer(s.longParam("bytes"), s.intParam("chunk"), seed, name));
        m.put("echo", (s, seed, name) -> new Echo(s.intParam("size"), s.longParam("interval"), s.longParam("stop"),
                seed, name));
        m.put("cbr", (s, seed, name) -> new ConstantBitRate(s.intParam("messages"), s.intParam("size"),
                s.longParam("interval"), s.longParam("stop"), seed, name));
        m.put("onoff", (s, seed, name) -> new OnOff(s.longParam("bps"), s.longParam("on"), s.longParam("off"),
                s.longParam("stop"), s.intParam("chunk"), seed, name));
        return new FaultWorkloads(m);
    }

    /** A copy that also knows {@code kind}. */
    public FaultWorkloads with(String kind, Factory factory) {
        Map<String, Factory> m = new LinkedHashMap<>(kinds);
        m.put(kind, factory);
        return new FaultWorkloads(m);
    }

    public Workload create(WorkloadSpec spec, long seed, String name) {
        Factory f = kinds.get(spec.kind());
        if (f == null) {
            throw new IllegalArgumentException("unknown workload kind '" + spec.kind() + "'; known: "
                    + String.join(", ", kinds.keySet()));
        }
        return f.create(spec, seed, name);
    }
}
