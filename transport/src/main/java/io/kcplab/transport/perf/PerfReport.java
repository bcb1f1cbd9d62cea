package io.kcplab.transport.perf;

import java.util.List;

/**
 * The outcome of one perf transfer, seen from one end ({@code role} "client" or "server").
 *
 * @param role                "client" or "server"
 * @param direction           which way the pattern stream flowed
 * @param local               this end's address
 * @param remote              the peer's address
 * @param settings            the session's protocol settings ({@code ConnectionConfig.describe()}) and wire
 * @param seed                seed of the pattern stream (the one announced in HELLO)
 * @param chunk               DATA payload size, bytes
 * @param bytes               pattern bytes the data sender sent
 * @param durationMicros      transfer time measured at this end (client: from WELCOME to the peer's final
 *                            summary; server: from HELLO to the end of the exchange)
 * @param goodputMbps         {@code bytes * 8 / duration}, Mbit/s
 * @param senderSha256        SHA-256 of the stream as sent (hex)
 * @param receiverBytes       bytes the data receiver counted
 * @param receiverSha256      SHA-256 of the stream as received (hex); null if the receiver never answered
 * @param mismatchAt          first stream position where the receiver found a byte other than the seed's pattern,
 *                            -1 if none
 * @param echoBytes           echo mode: bytes that came back to the client; -1 otherwise
 * @param echoSha256          echo mode: SHA-256 of what came back; null otherwise
 * @param sender              KCP counters of the data sender (its retransmissions are the ones that matter)
 * @param receiver            KCP counters of the data receiver (FEC recoveries happen there)
 * @param retransmissionRate  sender's retransmitted / sent segments
 * @param ok                  counts and hashes agree and the stream matched the pattern
 * @param failure             why not, one line; null when ok
 * @param intervals           per-interval lines (client only; empty on the server)
 */
public record PerfReport(String role, PerfDirection direction, String local, String remote, String settings,
                         long seed, int chunk, long bytes, long durationMicros, double goodputMbps,
                         String senderSha256, long receiverBytes, String receiverSha256, long mismatchAt,
                         long echoBytes, String echoSha256, PerfCounters sender, PerfCounters receiver,
                         double retransmissionRate, boolean ok, String failure, List<PerfInterval> intervals) {

    public PerfReport {
        intervals = List.copyOf(intervals);
    }

    /** Mbit/s for {@code bytes} over {@code micros}. */
    static double mbps(long bytes, long micros) {
        return micros <= 0 ? 0 : bytes * 8.0 / micros;
    }
}
