package io.kcplab.reports.result;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a result set came from.
 *
 * @param toolVersion the KcpLab version that produced the runs
 * @param createdAt   a timestamp string supplied by the caller (this module never reads the clock);
 *                    ISO-8601 UTC is recommended so that strings order like times
 * @param shard       "k/n" when this set holds one shard of a sweep, "" for a whole sweep
 * @param sweepSize   number of runs in the whole sweep, 0 when unknown
 */
public record ResultMetadata(String toolVersion, String createdAt, String shard, int sweepSize) {

    private static final Pattern SHARD = Pattern.compile("(\\d+)/(\\d+)");

    public ResultMetadata {
        Names.requireText("tool version", toolVersion);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(shard, "shard");
        if (!shard.isEmpty()) {
            var m = SHARD.matcher(shard);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1
                    || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
                throw new IllegalArgumentException("shard '" + shard + "' must look like k/n with 1 <= k <= n, or be empty");
            }
        }
        if (sweepSize < 0) {
            throw new IllegalArgumentException("sweep size must be >= 0 (0 = unknown), got " + sweepSize);
        }
    }

    /** Metadata of a whole (unsharded) set. */
    public static ResultMetadata of(String toolVersion, String createdAt, int sweepSize) {
        return new ResultMetadata(toolVersion, createdAt, "", sweepSize);
    }

    public ResultMetadata withShard(String shard) {
        return new ResultMetadata(toolVersion, createdAt, shard, sweepSize);
    }

    public boolean isShard() {
        return !shard.isEmpty();
    }
}
