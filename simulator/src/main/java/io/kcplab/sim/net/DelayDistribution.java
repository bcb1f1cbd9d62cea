package io.kcplab.sim.net;

/**
 * netem's jitter distributions. netem maps a (possibly correlated) uniform 32-bit number through a table built by
 * iproute2 ({@code normal}, {@code pareto}, {@code paretonormal}; values scaled by 8192 and clipped to a signed
 * 16-bit range, i.e. about [-4, 4] sigma). KcpLab evaluates the same quantile functions analytically instead of
 * shipping the tables: {@code delay = latency + jitter * quantile(u)}, clipped the same way.
 *
 * <ul>
 *   <li>UNIFORM: netem without a table: {@code latency - jitter + (rnd mod 2*jitter)}.</li>
 *   <li>NORMAL: the standard normal quantile.</li>
 *   <li>PARETO: iproute2 pareto.c: {@code ((1-u)^(-1/3) - 1.5) * 4/3} (alpha 3, shifted to mean 0).</li>
 *   <li>PARETO_NORMAL: iproute2 paretonormal.c: {@code (normal(u) + 3 * pareto(u)) / 4} at the same quantile.</li>
 * </ul>
 * Only {@link StrictMath} is used, so every JVM computes identical delays.
 */
public enum DelayDistribution {
    UNIFORM,
    NORMAL,
    PARETO,
    PARETO_NORMAL;

    /** netem tables hold s16 values scaled by NETEM_DIST_SCALE = 8192. */
    private static final double TABLE_MAX = 32767.0 / 8192.0;
    private static final double TABLE_MIN = -32768.0 / 8192.0;

    /** The scaled deviate (in units of jitter) for uniform {@code u} in (0, 1); not used for UNIFORM. */
    public double quantile(double u) {
        double v = switch (this) {
            case UNIFORM -> 2 * u - 1;
            case NORMAL -> normalQuantile(u);
            case PARETO -> pareto(u);
            case PARETO_NORMAL -> (normalQuantile(u) + 3 * pareto(u)) / 4;
        };
        return Math.max(TABLE_MIN, Math.min(TABLE_MAX, v));
    }

    private static double pareto(double u) {
        return (1.0 / StrictMath.cbrt(1.0 - u) - 1.5) * (4.0 / 3.0);
    }

    // Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9).
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};

    static double normalQuantile(double p) {
        double plow = 0.02425;
        if (p < plow) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - plow) {
            double q = StrictMath.sqrt(-2 * StrictMath.log(1 - p));
            return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
