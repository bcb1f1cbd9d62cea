package io.kcplab.sim.trace;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import io.kcplab.sim.Simulation;
import io.kcplab.sim.net.LinkSchedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TmpDiffTest {
    @Test
    void diff() {
        ConnectionConfig config = ConnectionConfig.builder().mode(ModePreset.FAST3).windows(128, 128).build();
        FaultSettings s = FaultScriptReplayTest.settings(1, config, 3);
        List<String> a = new ArrayList<>();
        Simulation sim = new Simulation(1);
        sim.tracer().add((t, k, l, p) -> { if (p != null && k != TraceKind.REORDER) a.add(t + " " + k + " " + l.name() + " id=" + p.id() + " dup=" + p.isDuplicate() + " len=" + p.length() + " h=" + java.util.Arrays.hashCode(java.util.Arrays.copyOf(p.data(), p.length()))); });
        FateRecorder rec = new FateRecorder();
        sim.tracer().add(rec);
        LinkSchedule outage = LinkSchedule.builder().outage(600_000, 900_000).build();
        var r = s.experiment(FaultWorkloads.standard()).links(FaultScriptReplayTest.ROUGH, FaultScriptReplayTest.ROUGH.withLoss(0.02)).schedules(outage, null).build().run(sim);
        FaultScript script = rec.script(s, List.of(), r.endMicros());
        List<String> b = new ArrayList<>();
        Simulation sim2 = new Simulation(1);
        sim2.tracer().add((t, k, l, p) -> { if (p != null && k != TraceKind.REORDER) b.add(t + " " + k + " " + l.name() + " id=" + p.id() + " dup=" + p.isDuplicate() + " len=" + p.length() + " h=" + java.util.Arrays.hashCode(java.util.Arrays.copyOf(p.data(), p.length()))); });
        FaultRun.replay(script, FaultWorkloads.standard(), sim2);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                for (int j = Math.max(0, i - 5); j < i + 5; j++) System.out.println("A " + a.get(j) + "\nB " + b.get(j));
                break;
            }
        }
    }
}
