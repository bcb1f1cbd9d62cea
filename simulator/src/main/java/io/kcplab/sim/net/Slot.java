package io.kcplab.sim.net;

/**
 * netem {@code slot MIN_DELAY [MAX_DELAY] [packets N] [bytes B]}: bursty media access (Wi-Fi, DOCSIS, LTE). Packets
 * are held until a transmission slot opens; a slot opens a uniform random time in [min, max] after the previous
 * one closed and carries at most {@code maxPackets} packets and {@code maxBytes} bytes (0 = unlimited).
 * (netem's {@code slot distribution} variant is not modelled.)
 */
public record Slot(long minDelayMicros, long maxDelayMicros, int maxPackets, long maxBytes) {

    public static final Slot NONE = new Slot(0, 0, 0, 0);

    public Slot {
        Check.range("slot.minDelayMicros", minDelayMicros, 0, Delay.MAX_MICROS, " µs");
        Check.range("slot.maxDelayMicros", maxDelayMicros, minDelayMicros, Delay.MAX_MICROS,
                " µs (at least slot.minDelayMicros)");
        Check.range("slot.maxPackets", maxPackets, 0, Integer.MAX_VALUE, " packets (0 = unlimited)");
        Check.range("slot.maxBytes", maxBytes, 0, Long.MAX_VALUE, " bytes (0 = unlimited)");
    }

    public static Slot of(long minDelayMicros, long maxDelayMicros, int maxPackets, long maxBytes) {
        return new Slot(minDelayMicros, maxDelayMicros, maxPackets, maxBytes);
    }

    public boolean enabled() {
        return minDelayMicros > 0 || maxDelayMicros > 0;
    }
}
