package io.kcplab.scenarios.run;

import io.kcplab.reports.result.ResultMetadata;
import io.kcplab.reports.result.ResultSet;
import io.kcplab.reports.result.RunResult;
import io.kcplab.scenarios.sweep.RunCase;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.sim.Experiment;
import io.kcplab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs cases on a fixed thread pool. Each run is independent and deterministic (its own simulation, seeded
 * streams, no shared mutable state), so the results do not depend on the thread count or finishing order; the
 * result set is ordered by run index.
 */
public final class SweepRunner {

    /** KcpLab's version, stamped into result files (merge refuses to mix versions). */
    public static final String TOOL_VERSION = "kcplab-0.1.0";

    private SweepRunner() {
    }

    public static List<RunResult> run(List<RunCase> cases, int threads, Progress progress) {
        int n = Math.max(1, Math.min(threads, cases.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "kcplab-run");
            t.setDaemon(true);
            return t;
        });
        try {
            progress.start();
            List<Future<RunResult>> futures = new ArrayList<>();
            for (RunCase c : cases) {
                futures.add(pool.submit(() -> {
                    Experiment experiment = c.scenario().experiment(c.seed());
                    Simulation sim = new Simulation(c.seed());
                    Progress.Run run = progress.begin(sim::now, experiment.durationMicros());
                    RunResult r = ResultConverter.convert(c, experiment.run(sim));
                    progress.completed(run);
                    return r;
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("run " + cases.get(i).runId() + " failed: " + e.getCause(),
                            e.getCause());
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            progress.finish();
            pool.shutdownNow();
        }
    }

    /**
     * Runs the whole plan, or shard {@code k} of {@code n} (k = 0: no sharding). {@code createdAt} goes into the
     * metadata as given (empty by default, so that identical inputs give byte-identical files).
     */
    public static ResultSet run(RunPlan plan, int shardK, int shardN, int threads, Progress progress,
            String createdAt) {
        List<RunCase> cases = shardK == 0 ? plan.cases() : plan.shard(shardK, shardN);
        List<RunResult> results = run(cases, threads, progress);
        ResultMetadata meta = new ResultMetadata(TOOL_VERSION, createdAt, shardK == 0 ? "" : shardK + "/" + shardN,
                plan.size());
        return new ResultSet(meta, results);
    }
}
