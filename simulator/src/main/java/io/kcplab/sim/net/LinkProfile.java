package io.kcplab.sim.net;

/**
 * Everything one direction of a path does to datagrams: netem's impairments plus an MTU, immutable. Build one with
 * {@link #builder()} or derive one with the {@code with...} methods; every component validates itself and a bad
 * value fails with a message naming the field and the accepted range.
 *
 * <p>Lengths: {@code mtu}, {@code limitBytes} and the rate count the IPv4 packet (UDP payload + 20 + 8 bytes), as
 * an interface and netem would.
 *
 * @param rate         bottleneck serialization (netem {@code rate}); {@link Rate#UNLIMITED} by default
 * @param limitPackets packets the direction may hold at once, delayed ones included (netem {@code limit}, default
 *                     1000); beyond it arriving packets are tail-dropped
 * @param limitBytes   the same bound in bytes (a KcpLab extension; {@link Long#MAX_VALUE} = none)
 * @param loss         {@link LossModel}
 * @param corrupt      one bit flipped at a random payload offset (netem {@code corrupt})
 * @param truncate     payload cut to a uniform random length in [0, len-1] (KcpLab extension)
 * @param duplicate    a copy sent too (netem {@code duplicate})
 * @param reorder      netem {@code reorder}
 * @param delay        netem {@code delay} with jitter, correlation and distribution
 * @param slot         netem {@code slot}
 * @param mtu          largest IPv4 packet carried; larger datagrams are dropped (cause MTU)
 * @param inOrder      a FIFO tunnel (KcpLab extension): no datagram leaves before one admitted earlier, so jitter
 *                     delays the ones behind a slow one instead of letting them overtake (as a rate limit does);
 *                     false = netem's ordering by send time
 */
public record LinkProfile(Rate rate, int limitPackets, long limitBytes, LossModel loss, Chance corrupt,
                          Chance truncate, Chance duplicate, Reorder reorder, Delay delay, Slot slot, int mtu,
                          boolean inOrder) {

    /** IPv4 (20) + UDP (8) header bytes added to every datagram payload. */
    public static final int IP_UDP_OVERHEAD = 28;
    public static final int MAX_MTU = 65_535;
    public static final int NETEM_DEFAULT_LIMIT = 1000;

    /** A perfect link: no delay, no loss, no rate limit, netem's default limit of 1000 packets. */
    public static final LinkProfile PERFECT = builder().build();

    public LinkProfile {
        Check.notNull("rate", rate);
        Check.range("limitPackets", limitPackets, 1, Integer.MAX_VALUE, " packets");
        Check.range("limitBytes", limitBytes, 1, Long.MAX_VALUE, " bytes");
        Check.notNull("loss", loss);
        Check.notNull("corrupt", corrupt);
        Check.notNull("truncate", truncate);
        Check.notNull("duplicate", duplicate);
        Check.notNull("reorder", reorder);
        Check.notNull("delay", delay);
        Check.notNull("slot", slot);
        Check.range("mtu", mtu, IP_UDP_OVERHEAD, MAX_MTU, " bytes (IPv4 packet incl. 28 header bytes)");
        if (reorder.enabled() && delay.latencyMicros() == 0) {
            throw new IllegalArgumentException("reorder needs a delay: reorder.probability is "
                    + reorder.probability() + " but delay.latencyMicros is 0 (as tc: 'reordering not possible "
                    + "without specifying some delay')");
        }
        if (inOrder && reorder.enabled()) {
            throw new IllegalArgumentException("inOrder contradicts reorder (probability " + reorder.probability()
                    + "): an in-order link never lets a datagram overtake another; drop one of them");
        }
    }

    /** The profile without the in-order option (netem's ordering), for code written before it existed. */
    public LinkProfile(Rate rate, int limitPackets, long limitBytes, LossModel loss, Chance corrupt, Chance truncate,
                       Chance duplicate, Reorder reorder, Delay delay, Slot slot, int mtu) {
        this(rate, limitPackets, limitBytes, loss, corrupt, truncate, duplicate, reorder, delay, slot, mtu, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public LinkProfile withRate(Rate v) {
        return toBuilder().rate(v).build();
    }

    public LinkProfile withRateBitsPerSecond(long bitsPerSecond) {
        return withRate(Rate.bitsPerSecond(bitsPerSecond));
    }

    public LinkProfile withLimitPackets(int v) {
        return toBuilder().limitPackets(v).build();
    }

    public LinkProfile withLimitBytes(long v) {
        return toBuilder().limitBytes(v).build();
    }

    public LinkProfile withLoss(LossModel v) {
        return toBuilder().loss(v).build();
    }

    public LinkProfile withLoss(double randomProbability) {
        return withLoss(LossModel.random(randomProbability));
    }

    public LinkProfile withCorrupt(Chance v) {
        return toBuilder().corrupt(v).build();
    }

    public LinkProfile withTruncate(Chance v) {
        return toBuilder().truncate(v).build();
    }

    public LinkProfile withDuplicate(Chance v) {
        return toBuilder().duplicate(v).build();
    }

    public LinkProfile withReorder(Reorder v) {
        return toBuilder().reorder(v).build();
    }

    public LinkProfile withDelay(Delay v) {
        return toBuilder().delay(v).build();
    }

    public LinkProfile withSlot(Slot v) {
        return toBuilder().slot(v).build();
    }

    public LinkProfile withMtu(int v) {
        return toBuilder().mtu(v).build();
    }

    public LinkProfile withInOrder(boolean v) {
        return toBuilder().inOrder(v).build();
    }

    /** Mutable builder; {@link #build()} validates. Defaults = {@link #PERFECT}. */
    public static final class Builder {
        private Rate rate = Rate.UNLIMITED;
        private int limitPackets = NETEM_DEFAULT_LIMIT;
        private long limitBytes = Long.MAX_VALUE;
        private LossModel loss = LossModel.NONE;
        private Chance corrupt = Chance.NEVER;
        private Chance truncate = Chance.NEVER;
        private Chance duplicate = Chance.NEVER;
        private Reorder reorder = Reorder.NONE;
        private Delay delay = Delay.NONE;
        private Slot slot = Slot.NONE;
        private int mtu = MAX_MTU;
        private boolean inOrder;

        Builder() {
        }

        Builder(LinkProfile p) {
            rate = p.rate;
            limitPackets = p.limitPackets;
            limitBytes = p.limitBytes;
            loss = p.loss;
            corrupt = p.corrupt;
            truncate = p.truncate;
            duplicate = p.duplicate;
            reorder = p.reorder;
            delay = p.delay;
            slot = p.slot;
            mtu = p.mtu;
            inOrder = p.inOrder;
        }

        public Builder rate(Rate v) {
            rate = v;
            return this;
        }

        public Builder rateBitsPerSecond(long bitsPerSecond) {
            rate = Rate.bitsPerSecond(bitsPerSecond);
            return this;
        }

        public Builder limitPackets(int v) {
            limitPackets = v;
            return this;
        }

        public Builder limitBytes(long v) {
            limitBytes = v;
            return this;
        }

        public Builder loss(LossModel v) {
            loss = v;
            return this;
        }

        public Builder loss(double randomProbability) {
            loss = LossModel.random(randomProbability);
            return this;
        }

        public Builder corrupt(Chance v) {
            corrupt = v;
            return this;
        }

        public Builder corrupt(double probability) {
            corrupt = Chance.of(probability);
            return this;
        }

        public Builder truncate(Chance v) {
            truncate = v;
            return this;
        }

        public Builder truncate(double probability) {
            truncate = Chance.of(probability);
            return this;
        }

        public Builder duplicate(Chance v) {
            duplicate = v;
            return this;
        }

        public Builder duplicate(double probability) {
            duplicate = Chance.of(probability);
            return this;
        }

        public Builder reorder(Reorder v) {
            reorder = v;
            return this;
        }

        public Builder delay(Delay v) {
            delay = v;
            return this;
        }

        public Builder delayMillis(double latencyMillis) {
            delay = Delay.millis(latencyMillis);
            return this;
        }

        public Builder slot(Slot v) {
            slot = v;
            return this;
        }

        public Builder mtu(int v) {
            mtu = v;
            return this;
        }

        public Builder inOrder(boolean v) {
            inOrder = v;
            return this;
        }

        public LinkProfile build() {
            return new LinkProfile(rate, limitPackets, limitBytes, loss, corrupt, truncate, duplicate, reorder, delay,
                    slot, mtu, inOrder);
        }
    }
}
