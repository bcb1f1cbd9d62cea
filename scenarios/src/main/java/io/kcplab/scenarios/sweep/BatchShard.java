package io.kcplab.scenarios.sweep;

import io.kcplab.scenarios.ScenarioException;
import java.util.function.Function;

/**
 * {@code --shard auto}: the slice of a sweep this task runs, read from the batch system that started it, so a job
 * template needs no arithmetic of its own:
 * <ul>
 *   <li>a Kubernetes Indexed Job sets {@code JOB_COMPLETION_INDEX} (0-based); the number of shards (the Job's
 *       {@code completions}) comes from {@code --shard-count};</li>
 *   <li>a Slurm job array sets {@code SLURM_ARRAY_TASK_ID} and {@code SLURM_ARRAY_TASK_COUNT} (and
 *       {@code SLURM_ARRAY_TASK_MIN}, the first id: arrays may start at 0 or 1).</li>
 * </ul>
 */
public final class BatchShard {

    public static final String AUTO = "auto";

    private BatchShard() {
    }

    /** {k, n} (1 <= k <= n) for {@code --shard auto}; {@code count} is {@code --shard-count}, or null. */
    public static int[] fromEnvironment(Function<String, String> env, Integer count) {
        String k8sIndex = env.apply("JOB_COMPLETION_INDEX");
        if (k8sIndex != null) {
            if (count == null) {
                throw new ScenarioException("--shard auto in a Kubernetes Indexed Job needs --shard-count N (the "
                        + "Job's completions)");
            }
            return check(number("JOB_COMPLETION_INDEX", k8sIndex) + 1, count, "JOB_COMPLETION_INDEX=" + k8sIndex);
        }
        String slurmId = env.apply("SLURM_ARRAY_TASK_ID");
        if (slurmId != null) {
            String slurmCount = env.apply("SLURM_ARRAY_TASK_COUNT");
            if (slurmCount == null && count == null) {
                throw new ScenarioException("--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is "
                        + "not; give --shard-count N");
            }
            int n = slurmCount != null ? number("SLURM_ARRAY_TASK_COUNT", slurmCount) : count;
            if (count != null && count != n) {
                throw new ScenarioException("--shard-count " + count + " disagrees with SLURM_ARRAY_TASK_COUNT="
                        + slurmCount);
            }
            String min = env.apply("SLURM_ARRAY_TASK_MIN");
            int first = min == null ? 1 : number("SLURM_ARRAY_TASK_MIN", min);
            int id = number("SLURM_ARRAY_TASK_ID", slurmId);
            return check(id - first + 1, n, "SLURM_ARRAY_TASK_ID=" + slurmId + ", SLURM_ARRAY_TASK_MIN=" + first);
        }
        throw new ScenarioException("--shard auto: no batch system found (neither JOB_COMPLETION_INDEX of a "
                + "Kubernetes Indexed Job nor SLURM_ARRAY_TASK_ID of a Slurm array is set); use --shard K/N");
    }

    private static int[] check(int k, int n, String source) {
        if (n < 1 || k < 1 || k > n) {
            throw new ScenarioException("--shard auto: " + source + " gives shard " + k + " of " + n
                    + ", outside 1.." + n);
        }
        return new int[] {k, n};
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ScenarioException("--shard auto: " + name + "='" + value + "' is not a number");
        }
    }
}
