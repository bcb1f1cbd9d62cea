package io.kcplab.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.scenarios.run.Progress;
import org.junit.jupiter.api.Test;

/**
 * The advice goes the right way on links whose answer is known. Small budgets and transfers keep this CI-fast;
 * every search is seeded, so these are fixed outcomes, checked by running them (docs/tune.md).
 */
class TuneAdviceTest {

    static Tuner.Result tune(String link, Tuner.Workload w, String objective, int budget, int seeds, String bytes,
                             String duration, int threads) {
        Tuner.Settings s = new Tuner.Settings(link, "{both: " + link + "}", w, Objective.parse(objective), budget,
                seeds, 7, bytes, duration);
        Tuner.Result r = new Tuner(s, threads, null, n -> Progress.none()).run();
        System.out.println(TuneText.report(r));
        return r;
    }

    static Evaluation preset(Tuner.Result r, String name) {
        return r.presets().stream().filter(e -> e.candidate().preset().equals(name)).findFirst().orElseThrow();
    }

    /**
     * 10 % iid loss on a long fat path (100 Mbit/s, 100 ms RTT): every hole stalls the receive window for a round
     * trip, and FEC fills holes at once, so the tuned settings carry parity shards, beat the same settings without
     * them and beat 'normal'. (On a path whose rate, not its window, is the limit, FEC does not raise bulk goodput:
     * retransmissions with nc=1 keep the pipe full and parity costs as much as the losses; docs/tune.md.)
     */
    @Test
    void heavyRandomLossGetsFecAndBeatsNormal() {
        Tuner.Result r = tune("{rate: 100Mbit, delay: {latency: 50ms}, loss: 10%}", Tuner.Workload.BULK,
                "max-goodput", 60, 2, "1MiB", "5s", 2);
        Candidate c = r.best().candidate();
        assertNotEquals("off", c.fec(), c.key());
        // the same settings without parity shards move less
        Candidate noFec = new Candidate("", c.engine(), c.nodelay(), c.interval(), c.resend(), c.nc(), c.sndwnd(),
                c.rcvwnd(), c.mtu(), 0, 0, c.ackNoDelay());
        Evaluation without = new Tuner(r.settings(), 2, null, n -> Progress.none()).evaluate(noFec);
        assertTrue(r.best().mean().goodputMbps() > 1.25 * without.mean().goodputMbps(),
                "with FEC " + r.best().mean() + " vs without " + without.mean());
        assertTrue(r.best().mean().goodputMbps() > preset(r, "normal").mean().goodputMbps(),
                "tuned " + r.best().mean() + " vs normal " + preset(r, "normal").mean());
    }

    /**
     * A deep FIFO (bufferbloat: 5 Mbit/s, 1000 packets) with an echo session beside an upload and a p99 bound:
     * the recommendation keeps the queue short, so it is not the largest window, nor nc=1 with a huge window.
     */
    @Test
    void bufferbloatWithAP99BoundAvoidsHugeWindows() {
        Tuner.Result r = tune("bufferbloat", Tuner.Workload.MIX, "max-goodput:p99<=300ms", 60, 2, "256KiB", "4s", 2);
        Candidate c = r.best().candidate();
        assertTrue(r.settings().objective().feasible(r.best()), "no feasible candidate: " + r.best().mean());
        assertTrue(c.sndwnd() < 2048, c.key());
        assertFalse(c.nc() == 1 && c.sndwnd() >= 1024, c.key());
        // and the presets (nc=1, window 1024) break the bound on this link
        assertFalse(r.settings().objective().feasible(preset(r, "fast3")), "" + preset(r, "fast3").mean());
    }

    /** A clean LAN and min-overhead: parity shards would be pure overhead, so FEC is off. */
    @Test
    void cleanLanMinOverheadTurnsFecOff() {
        Tuner.Result r = tune("lan", Tuner.Workload.BULK, "min-overhead", 150, 1, "256KiB", "5s", 2);
        assertEquals("off", r.best().candidate().fec(), r.best().candidate().key());
        assertTrue(r.best().mean().overhead() < preset(r, "fast").mean().overhead());
    }

    /**
     * A clean LAN (1 Gbit/s, 0.2 ms RTT: a bandwidth-delay product of ~20 packets) and max-goodput: a small
     * effective window wastes nothing (the recommendation's min(sndwnd, rcvwnd) is small and it moves over 80 % of
     * the line rate), while the presets' 1024-segment windows overrun the link's 1000-packet queue.
     */
    @Test
    void cleanLanSmallWindowsWasteNothing() {
        Tuner.Result r = tune("lan", Tuner.Workload.BULK, "max-goodput", 60, 1, "1MiB", "5s", 2);
        Candidate c = r.best().candidate();
        assertTrue(Math.min(c.sndwnd(), c.rcvwnd()) <= 128, c.key());
        assertTrue(r.best().mean().goodputMbps() > 800, "" + r.best().mean());
        for (Evaluation p : r.presets()) {
            assertTrue(r.best().mean().goodputMbps() > 1.5 * p.mean().goodputMbps(), p.candidate().preset());
        }
    }

    /** The same input gives the same report, byte for byte, on 1 thread and on 2. */
    @Test
    void deterministicWhateverTheThreadCount() {
        String link = "{rate: 10Mbit, delay: {latency: 20ms}, loss: 5%}";
        // 30 candidates: the initial sample and three rounds of mutations
        Tuner.Result one = tune(link, Tuner.Workload.BULK, "max-goodput", 60, 2, "128KiB", "5s", 1);
        Tuner.Result two = tune(link, Tuner.Workload.BULK, "max-goodput", 60, 2, "128KiB", "5s", 2);
        assertEquals(30, one.evaluations().size());
        assertTrue(one.evaluations().stream().anyMatch(e -> e.round() == 3), "rounds ran");
        assertEquals(one.evaluations(), two.evaluations());
        assertEquals(TuneText.report(one), TuneText.report(two));
    }
}
