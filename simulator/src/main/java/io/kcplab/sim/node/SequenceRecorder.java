package io.kcplab.sim.node;

import java.util.Arrays;

/**
 * A sink for {@link ConstantRateSender}: records, per arriving datagram, its sequence number, arrival time and
 * one-way delay (header too short: sequence -1). Growable primitive arrays, no boxing.
 */
public final class SequenceRecorder implements DatagramHandler {

    private long[] sequences = new long[256];
    private long[] arrivals = new long[256];
    private long[] delays = new long[256];
    private int count;
    private long bytes;
    private long damaged;

    @Override
    public void onDatagram(Port port, long nowMicros, byte[] buf, int off, int len, int srcAddress, int srcPort) {
        if (count == sequences.length) {
            sequences = Arrays.copyOf(sequences, count * 2);
            arrivals = Arrays.copyOf(arrivals, count * 2);
            delays = Arrays.copyOf(delays, count * 2);
        }
        boolean headerOk = len >= ConstantRateSender.HEADER;
        sequences[count] = headerOk ? ConstantRateSender.getLong(buf, off) : -1;
        arrivals[count] = nowMicros;
        delays[count] = headerOk ? nowMicros - ConstantRateSender.getLong(buf, off + 8) : -1;
        count++;
        bytes += len;
        if (!ConstantRateSender.intact(buf, off, len)) {
            damaged++;
        }
    }

    public int count() {
        return count;
    }

    public long bytes() {
        return bytes;
    }

    /** Datagrams whose payload was not exactly as sent (corrupted or truncated). */
    public long damaged() {
        return damaged;
    }

    public long sequence(int i) {
        return sequences[i];
    }

    public long arrival(int i) {
        return arrivals[i];
    }

    public long delay(int i) {
        return delays[i];
    }

    public long[] sequences() {
        return Arrays.copyOf(sequences, count);
    }

    public long[] arrivals() {
        return Arrays.copyOf(arrivals, count);
    }

    public long[] delays() {
        return Arrays.copyOf(delays, count);
    }
}
