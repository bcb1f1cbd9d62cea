package io.kcplab.scenarios.validate;

/**
 * One seed's figures from one side (simulated or live), in the units the comparison table shows.
 *
 * @param goodputMbps     bulk bytes × 8 / completion time, Mbit/s
 * @param completionS     seconds from the start of the bulk transfer to its last byte read by the server
 * @param retransmissions segments retransmitted by both ends during the bulk transfer
 * @param rttP50Ms        median echo round trip, ms
 * @param rttP90Ms        90th percentile echo round trip, ms
 * @param finished        whether the bulk transfer completed within the limit
 * @param relayLateMaxMs  live only (0 simulated): the most the relay released a datagram after the link model's
 *                        due time during the bulk transfer; large values mean the wall clock could not keep the
 *                        model's timing (an overloaded machine)
 */
public record Measurement(double goodputMbps, double completionS, long retransmissions, double rttP50Ms,
                          double rttP90Ms, boolean finished, double relayLateMaxMs) {
}
