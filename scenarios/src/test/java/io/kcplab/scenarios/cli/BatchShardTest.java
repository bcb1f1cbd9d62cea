package io.kcplab.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --shard auto} under the variables a Kubernetes Indexed Job or a Slurm array sets: the shards merge into
 * exactly the unsharded sweep's files; {@code merge} names missing and duplicated shards by index.
 */
class BatchShardTest {

    static final String SWEEP = """
            name: small
            duration: 400ms
            seeds: [3, 4]
            links:
              both: {rate: 5Mbit, delay: {latency: 10ms, jitter: 2ms}, loss: [1%, 5%]}
            protocol: {mode: normal, fec: off, crypt: off}
            workloads:
              - {type: echo, interval: 100ms}
            """;

    record Result(int code, String out, String err) {
    }

    static Result kcplab(Map<String, String> env, String... args) {
        Function<String, String> saved = ScenarioRun.environment;
        ScenarioRun.environment = env::get;
        try {
            CommandLine cl = KcpLabCommand.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return new Result(cl.execute(args), out.toString(), err.toString());
        } finally {
            ScenarioRun.environment = saved;
        }
    }

    @AfterEach
    void restore() {
        ScenarioRun.environment = System::getenv;
    }

    @Test
    void kubernetesAndSlurmShardsMergeIntoTheUnshardedSweep(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, SWEEP);
        Result whole = kcplab(Map.of(), "sweep", file.toString(), "--out", tmp.resolve("whole").toString(), "-q",
                "--threads", "1");
        assertEquals(0, whole.code(), whole.err());

        List<String> k8s = new ArrayList<>();
        for (int index = 0; index < 3; index++) { // a Job with completions: 3, completionMode: Indexed
            Path out = tmp.resolve("k8s-" + index);
            Result r = kcplab(Map.of("JOB_COMPLETION_INDEX", String.valueOf(index)), "sweep", file.toString(),
                    "--shard", "auto", "--shard-count", "3", "--out", out.toString(), "-q", "--threads", "1");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("shard " + (index + 1) + "/3"), r.err());
            k8s.add(out.toString());
        }
        assertMergesTo(tmp, k8s, tmp.resolve("whole"), "k8s-merged");

        List<String> slurm = new ArrayList<>();
        for (int id = 1; id <= 2; id++) { // #SBATCH --array=1-2
            Path out = tmp.resolve("slurm-" + id);
            Result r = kcplab(Map.of("SLURM_ARRAY_TASK_ID", String.valueOf(id), "SLURM_ARRAY_TASK_COUNT", "2",
                    "SLURM_ARRAY_TASK_MIN", "1"), "sweep", file.toString(), "--shard", "auto", "--out",
                    out.toString(), "-q", "--threads", "1");
            assertEquals(0, r.code(), r.err());
            slurm.add(out.toString());
        }
        assertMergesTo(tmp, slurm, tmp.resolve("whole"), "slurm-merged");

        Result missing = kcplab(Map.of(), "merge", k8s.get(0), "--out", tmp.resolve("partial").toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("missing shards: 2/3, 3/3"), missing.err());
        Result duplicated = kcplab(Map.of(), "merge", k8s.get(0), k8s.get(1), k8s.get(1), "--out",
                tmp.resolve("dup").toString());
        assertEquals(2, duplicated.code(), duplicated.err());
        assertTrue(duplicated.err().contains("duplicated shard: 2/3 (inputs 2, 3)"), duplicated.err());
        assertTrue(duplicated.err().contains("missing shard: 3/3"), duplicated.err());
    }

    private static void assertMergesTo(Path tmp, List<String> shards, Path whole, String name) throws Exception {
        List<String> args = new ArrayList<>(List.of("merge"));
        args.addAll(shards);
        args.addAll(List.of("--out", tmp.resolve(name).toString()));
        Result merged = kcplab(Map.of(), args.toArray(new String[0]));
        assertEquals(0, merged.code(), merged.err());
        for (String f : new String[] {"results.json", "results.csv"}) {
            assertEquals(Files.readString(whole.resolve(f)), Files.readString(tmp.resolve(name).resolve(f)),
                    name + " " + f);
        }
    }

    @Test
    void autoWithoutABatchSystemOrCountIsAUsageError() {
        Result none = kcplab(Map.of(), "sweep", "ci-gate", "--shard", "auto", "-q");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no batch system found"), none.err());
        Result noCount = kcplab(Map.of("JOB_COMPLETION_INDEX", "0"), "sweep", "ci-gate", "--shard", "auto", "-q");
        assertEquals(2, noCount.code());
        assertTrue(noCount.err().contains("--shard-count"), noCount.err());
        assertArrayEquals(new int[] {3, 4}, io.kcplab.scenarios.sweep.BatchShard.fromEnvironment(
                Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_MIN", "0")::get,
                null));
    }
}
