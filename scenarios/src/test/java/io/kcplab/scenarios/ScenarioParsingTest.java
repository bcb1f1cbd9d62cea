package io.kcplab.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import io.kcplab.scenarios.spec.LinkSpec;
import io.kcplab.scenarios.spec.WorkloadSpec;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.scenarios.sweep.SweepPlanner;
import io.kcplab.sim.net.Delay;
import io.kcplab.sim.net.DelayDistribution;
import io.kcplab.sim.net.LinkProfile;
import io.kcplab.sim.net.LossModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParsingTest {

    static final String FULL = """
            name: full
            description: every key
            duration: 2s
            sample_interval: 50ms
            stop_when_finished: false
            seeds: [7, 8]
            repetitions: 2
            links:
              up:
                rate: {speed: 10Mbit, packet_overhead: 14, cell_size: 48, cell_overhead: 5}
                limit: 200
                limit_bytes: 256KiB
                delay: {latency: 25ms, jitter: 4ms, correlation: 10%, distribution: paretonormal}
                loss: {model: gilbert-elliott, p: 1%, r: 25%, bad_loss: 90%, good_loss: 0.1%}
                corrupt: {probability: 0.1%, correlation: 5%}
                duplicate: 0.5%
                truncate: 0.2%
                reorder: {probability: 2%, correlation: 10%, gap: 3}
                slot: {min: 1ms, max: 3ms, packets: 10, bytes: 64KB}
                mtu: 1500
                schedule:
                  - {at: 1s, outage: 100ms}
                  - {at: 1500ms, to: {loss: 20%}}
                  - {at: 1800ms, to: 3g}
              down: {profile: lte, loss: {model: markov4, p13: 2%, p31: 70%, p32: 10%, p23: 80%, p14: 0.5%}}
              partitions:
                - {at: 500ms, duration: 50ms}
            protocol:
              engine: ikcp
              mode: fast3
              interval: 15
              sndwnd: 64
              rcvwnd: 256
              mtu: 1200
              minrto: 30
              datashard: 4
              parityshard: 2
              crypt: salsa20
              key: secret
              checksum: highway
              stream: false
              acknodelay: true
            workloads:
              - {type: bulk, size: 2MB, chunk: 8KiB}
              - {type: echo, request: 100B, interval: 20ms, stop: 1s, connections: 2}
              - {type: cbr, name: ticks, messages: 2, size: 50, interval: 10ms}
              - {type: onoff, rate: 1Mbit, on: 200ms, off: 300ms, chunk: 1000}
            """;

    static RunPlan plan(String yaml) {
        return SweepPlanner.plan(ScenarioSource.text("t", yaml));
    }

    static List<String> problems(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> plan(yaml));
        return e.problems();
    }

    static void assertProblem(String yaml, String pathAndStart) {
        List<String> p = problems(yaml);
        assertTrue(p.stream().anyMatch(s -> s.startsWith(pathAndStart)),
                "expected a problem starting with '" + pathAndStart + "', got " + p);
    }

    @Test
    void everyKeyIsMappedOntoTheSimulatorAndProtocol() {
        RunPlan plan = plan(FULL);
        assertEquals("full", plan.scenarioName());
        assertEquals(4, plan.size(), "2 seeds x 2 repetitions");
        assertEquals(List.of(7L, SweepPlanner.repetitionSeed(7, 1), 8L, SweepPlanner.repetitionSeed(8, 1)),
                plan.seeds());
        Scenario s = plan.cases().get(0).scenario();
        assertEquals(2_000_000, s.durationMicros());
        assertEquals(50_000, s.sampleMicros());
        LinkProfile up = s.up().profile();
        assertEquals(10_000_000, up.rate().bitsPerSecond());
        assertEquals(14, up.rate().packetOverhead());
        assertEquals(48, up.rate().cellSize());
        assertEquals(5, up.rate().cellOverhead());
        assertEquals(200, up.limitPackets());
        assertEquals(256 * 1024, up.limitBytes());
        assertEquals(25_000, up.delay().latencyMicros());
        assertEquals(4_000, up.delay().jitterMicros());
        assertEquals(0.1, up.delay().correlation(), 1e-12);
        assertEquals(DelayDistribution.PARETO_NORMAL, up.delay().distribution());
        assertEquals(new LossModel.GilbertElliott(0.01, 0.25, 0.9, 0.001), up.loss());
        assertEquals(0.001, up.corrupt().probability(), 1e-12);
        assertEquals(0.05, up.corrupt().correlation(), 1e-12);
        assertEquals(0.005, up.duplicate().probability(), 1e-12);
        assertEquals(0.002, up.truncate().probability(), 1e-12);
        assertEquals(3, up.reorder().gap());
        assertEquals(1_000, up.slot().minDelayMicros());
        assertEquals(3_000, up.slot().maxDelayMicros());
        assertEquals(10, up.slot().maxPackets());
        assertEquals(64_000, up.slot().maxBytes());
        assertEquals(1500, up.mtu());
        List<LinkSpec.Change> changes = s.up().changes();
        assertEquals(3, changes.size());
        assertEquals(100_000, changes.get(0).outageMicros());
        assertEquals(LossModel.random(0.2), changes.get(1).to().loss(), "'to' keeps the rest of the direction");
        assertEquals(25_000, changes.get(1).to().delay().latencyMicros());
        assertEquals(2_000_000, changes.get(2).to().rate().bitsPerSecond(), "library 3g");
        assertEquals(new LossModel.Markov4(0.02, 0.7, 0.1, 0.8, 0.005), s.down().profile().loss());
        assertEquals(30_000_000, s.down().profile().rate().bitsPerSecond(), "based on library lte");
        assertEquals(1, s.partitions().size());
        assertEquals(550_000, s.partitions().get(0)[1]);
        ConnectionConfig c = s.config();
        assertEquals(KcpProfile.IKCP, c.engine());
        assertEquals(1, c.nodelay());
        assertEquals(15, c.interval(), "explicit interval overrides the preset's 10");
        assertEquals(2, c.resend());
        assertEquals(1, c.nc());
        assertEquals(64, c.sndWnd());
        assertEquals(256, c.rcvWnd());
        assertEquals(1200, c.mtu());
        assertEquals(30, c.minRto());
        assertEquals(4, c.dataShards());
        assertEquals(2, c.parityShards());
        assertEquals("salsa20", c.cipher());
        assertEquals("secret", c.key());
        assertEquals(WireProfile.HIGHWAY, c.checksum());
        assertFalse(c.streamMode());
        assertTrue(c.ackNoDelay());
        List<WorkloadSpec> w = s.workloads();
        assertEquals(2_000_000, w.get(0).size());
        assertEquals(8192, w.get(0).chunk());
        assertEquals(2, w.get(1).connections());
        assertEquals(1_000_000, w.get(1).stopMicros());
        assertEquals(2_000_000, w.get(2).stopMicros(), "stop defaults to the duration");
        assertEquals(1_000_000, w.get(3).bitsPerSecond());
        assertEquals(List.of("bulk", "echo-0", "echo-1", "ticks", "onoff"), s.connectionLabels());
        assertEquals(5, s.conversations());
    }

    @Test
    void delayRangesInOrderLinksStartsAndCounts() {
        Scenario s = plan("""
                duration: 5s
                links:
                  up: {delay: {min: 20ms, max: 40ms}, in_order: true}
                  down: {profile: lte, delay: {min: 10ms, max: 12ms, correlation: 25%}}
                workloads:
                  - {type: echo, start: 1s, count: 100}
                  - {type: cbr, start: 500ms, count: 7, messages: 2}
                  - {type: bulk, start: 2s, size: 1MB}
                  - {type: onoff, rate: 1Mbit, start: 3s}
                """).cases().get(0).scenario();
        LinkProfile up = s.up().profile();
        assertEquals(Delay.range(20_000, 40_000, 0), up.delay());
        assertEquals(Delay.of(30_000, 10_000, 0, DelayDistribution.UNIFORM), up.delay(), "= 30ms ± 10ms uniform");
        assertTrue(up.inOrder());
        LinkProfile down = s.down().profile();
        assertEquals(Delay.range(10_000, 12_000, 0.25), down.delay(), "a range replaces lte's normal jitter");
        assertFalse(down.inOrder(), "netem's ordering unless asked");
        assertEquals(30_000_000, down.rate().bitsPerSecond(), "the rest stays lte's");
        List<WorkloadSpec> w = s.workloads();
        assertEquals(List.of(1_000_000L, 500_000L, 2_000_000L, 3_000_000L),
                w.stream().map(WorkloadSpec::startMicros).toList());
        assertEquals(List.of(100L, 7L, Long.MAX_VALUE, Long.MAX_VALUE), w.stream().map(WorkloadSpec::count).toList());
    }

    @Test
    void newKeysLeftOutKeepTheOldDefaults() {
        Scenario s = plan(FULL).cases().get(0).scenario();
        assertFalse(s.up().profile().inOrder());
        assertFalse(s.down().profile().inOrder());
        for (WorkloadSpec w : s.workloads()) {
            assertEquals(0, w.startMicros());
            assertEquals(Long.MAX_VALUE, w.count());
        }
    }

    @Test
    void defaultsAndShorthands() {
        RunPlan plan = plan("""
                links: {both: lossy}
                protocol: {fec: 10/3, crypt: off}
                workloads: {type: bulk}
                """);
        Scenario s = plan.cases().get(0).scenario();
        assertEquals("t", s.name());
        assertEquals(10_000_000, s.durationMicros());
        assertEquals(List.of(1L), plan.seeds());
        assertNull(s.config().cipher(), "crypt: off = no crypto layer (and not YAML's boolean false)");
        assertEquals(10, s.config().dataShards());
        assertTrue(s.up() == s.down());
        assertEquals(io.kcplab.scenarios.spec.WorkloadReader.UNLIMITED_BYTES, s.workloads().get(0).size());
    }

    private static final String BASE = "links: {both: {delay: 10ms}}\nworkloads: [{type: bulk}]\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // unknown keys, at every level
        "colour: red|colour: unknown key; accepted keys: ",
        "protocol: {mdoe: fast}|protocol.mdoe: unknown key; accepted keys of protocol: engine, mode",
        "links: {up: {delya: 5ms}, down: lan}|links.up.delya: unknown key",
        "links: {both: {delay: {latency: 5ms, jiter: 1ms}}}|links.both.delay.jiter: unknown key",
        "workloads: [{type: echo, requests: 100}]|workloads.0.requests: unknown key",
        // bad units
        "duration: 10|duration: 10 has no unit; expected a duration",
        "duration: 10 parsecs|duration: '10 parsecs' is not a duration",
        "links: {both: {rate: 10 furlongs}}|links.both.rate: '10 furlongs' is not a rate",
        "links: {both: {limit_bytes: 3 pages}}|links.both.limit_bytes: '3 pages' is not a size",
        "links: {both: {loss: lots}}|links.both.loss: 'lots' is not a probability",
        // out of range
        "links: {both: {loss: 150%}}|links.both.loss: 150% is out of range",
        "links: {both: {loss: {probability: 101%}}}|links.both.loss.probability: 101% is out of range",
        "links: {both: {mtu: 20}}|links.both.mtu: 20 is out of range; accepted: 28..65535",
        "protocol: {sndwnd: 0}|protocol.sndwnd: 0 is out of range; accepted: 1..65535 segments",
        "protocol: {interval: 5}|protocol.interval: 5 is out of range; accepted: 10..5000 ms",
        "protocol: {mtu: 2000}|protocol.mtu: 2000 is out of range",
        "protocol: {datashard: 300}|protocol.datashard: 300 is out of range; accepted: 0..255",
        "duration: 90min|duration: 90min is out of range; accepted: 1ms..3600s",
        "seeds: [1, 1]|seeds: seed 1 is listed twice",
        "repetitions: 0|repetitions: 0 is out of range",
        "workloads: [{type: echo, connections: 0}]|workloads.0.connections: 0 is out of range",
        "workloads: [{type: onoff, rate: 1Mbit, on: 1ms}]|workloads.0.on: 1ms is out of range",
        // wrong types
        "protocol: {sndwnd: many}|protocol.sndwnd: expected a whole number (1..65535 segments), got 'many'",
        "protocol: {stream: yes}|protocol.stream: expected true or false, got 'yes'",
        "protocol: fast|protocol: expected a map of protocol settings, got 'fast'",
        "links: {both: {delay: {latency: [1ms, [2ms]]}}}|links.both.delay.latency: expected a single value, got a list",
        "workloads: [{type: bulk, size: {a: 1}}]|workloads.0.size: expected a single value, got a map",
        // unknown enum values
        "protocol: {mode: turbo}|protocol.mode: unknown value 'turbo'; accepted: default, normal, fast, fast2, fast3",
        "protocol: {engine: quic}|protocol.engine: unknown value 'quic'; accepted: ikcp, kcp-go",
        "protocol: {crypt: rot13}|protocol.crypt: unknown cipher 'rot13'; accepted: aes",
        "protocol: {checksum: md5}|protocol.checksum: unknown value 'md5'; accepted: kcp-go, highway",
        "links: {both: {delay: {latency: 1ms, distribution: cauchy}}}|links.both.delay.distribution: unknown value 'cauchy'",
        "links: {both: {loss: {model: gremlins}}}|links.both.loss.model: unknown value 'gremlins'; accepted: random, gilbert-elliott, markov4",
        "links: {both: starlink}|links.both: unknown link profile 'starlink'; accepted: lan, wifi-busy",
        "workloads: [{type: ftp}]|workloads.0.type: unknown value 'ftp'; accepted: bulk, echo, cbr, onoff",
        // missing required
        "links: {both: {loss: {model: gilbert-elliott, r: 5%}}}|links.both.loss.p: missing; expected a percentage",
        "workloads: [{type: onoff}]|workloads.0.rate: missing; expected a rate",
        "workloads: [{size: 1MB}]|workloads.0.type: missing; expected one of bulk, echo, cbr, onoff",
        "links: {up: lan}|links: needs 'up' and 'down' link profiles",
        "links: {both: {schedule: [{outage: 1s}]}}|links.both.schedule.0.at: missing; expected a duration",
        "links: {both: {slot: {max: 1ms}}}|links.both.slot.min: missing",
        // contradictions
        "links: {both: lan, up: lan}|links.both: give either 'both' or 'up'/'down', not both",
        "protocol: {fec: 10/3, datashard: 4}|protocol.fec: give either fec (e.g. 10/3) or datashard/parityshard",
        "protocol: {fec: ten}|protocol.fec: 'ten' is not a FEC shape",
        "links: {both: {reorder: 5%}}|links.both: reorder needs a delay",
        "links: {both: {delay: 1ms, slot: {min: 5ms, max: 1ms}}}|links.both.slot.max: 1ms is less than slot.min",
        "sample_interval: 20s|sample_interval: 20s is longer than the duration",
        "protocol: {mode: [fast, fast]}|protocol.mode: sweep value 'fast' is listed twice",
        "protocol: {mode: []}|protocol.mode: an empty list; a sweep needs at least one value",
        "name: 9lives|name: '9lives' is not a valid scenario name",
        "seeds: 5..1|seeds: '5..1' is not a seed list",
        // delay ranges and in-order links
        "links: {both: {delay: {min: 40ms, max: 20ms}}}|links.both.delay: min 40ms is greater than max 20ms",
        "links: {both: {delay: {min: 20ms}}}|links.both.delay.max: missing; expected a duration",
        "links: {both: {delay: {max: 20ms}}}|links.both.delay.min: missing; expected a duration",
        "links: {both: {delay: {min: 20ms, max: 40ms, jitter: 1ms}}}|links.both.delay.jitter: give either min/max (a uniform range) or latency/jitter/distribution, not both",
        "links: {both: {delay: {min: 20ms, max: 20001us}}}|links.both.delay: min 20ms and max 20001us are an odd number of microseconds apart",
        "links: {both: {delay: {min: -1ms, max: 2ms}}}|links.both.delay.min: '-1ms' is not a duration",
        "links: {both: {delay: {min: 1ms, max: 2ms, colour: red}}}|links.both.delay.colour: unknown key; accepted keys of links.both.delay: min, max, correlation",
        "links: {both: {delay: 10ms, in_order: yes}}|links.both.in_order: expected true or false, got 'yes'",
        "links: {both: {delay: 10ms, reorder: 5%, in_order: true}}|links.both.in_order: true contradicts this link's reorder (given here)",
        "links: {both: {profile: reordering, in_order: true}}|links.both.in_order: true contradicts this link's reorder (from its profile)",
        // workload start offsets and counts
        "workloads: [{type: echo, start: -5s}]|workloads.0.start: '-5s' is negative",
        "workloads: [{type: echo, start: soon}]|workloads.0.start: 'soon' is not a duration",
        "workloads: [{type: bulk, start: 20s}]|workloads.0.start: 20s is not before the end of the run (duration 10s)",
        "workloads: [{type: cbr, start: 2s, stop: 1s}]|workloads.0.start: 2s is not before the source stops (1s)",
        "workloads: [{type: echo, count: 0}]|workloads.0.count: 0 is out of range; accepted: 1..1000000000000 requests",
        "workloads: [{type: cbr, count: -3}]|workloads.0.count: -3 is out of range; accepted: 1..1000000000000 messages",
        "workloads: [{type: cbr, count: many}]|workloads.0.count: expected a whole number",
        "workloads: [{type: bulk, count: 5}]|workloads.0.count: unknown key; accepted keys of workloads.0: type, name, connections, start",
        "workloads: [{type: onoff, rate: 1Mbit, count: 5}]|workloads.0.count: unknown key",
    })
    void everyMistakeNamesItsFieldPath(String extra, String expected) {
        String yaml = mergeInto(extra);
        assertProblem(yaml, expected);
    }

    /** Later keys replace BASE's top-level keys, so a test line can override links/workloads. */
    private static String mergeInto(String extra) {
        String key = extra.substring(0, extra.indexOf(':'));
        StringBuilder sb = new StringBuilder();
        for (String line : BASE.split("\n")) {
            if (!line.startsWith(key + ":")) {
                sb.append(line).append('\n');
            }
        }
        return sb.append(extra).append('\n').toString();
    }

    @Test
    void missingTopLevelSectionsAreReportedTogether() {
        List<String> p = problems("duration: 1s\n");
        assertTrue(p.contains("links: missing; expected a map with 'up' and 'down' link profiles, or 'both'"), p::toString);
        assertTrue(p.contains("workloads: missing; expected a list of workloads (type: bulk, echo, cbr or onoff)"),
                p::toString);
    }

    @Test
    void allProblemsOfAFileAreReportedAtOnce() {
        List<String> p = problems("""
                duration: soon
                links: {both: {loss: 200%, mtu: 5}}
                protocol: {mode: turbo, sndwnd: -1, colour: red}
                workloads: [{type: ftp}]
                """);
        assertEquals(7, p.size(), p::toString);
        ScenarioException e = assertThrows(ScenarioException.class, () -> plan("duration: soon\nlinks: {both: lan}\n"
                + "workloads: [{type: bulk}]\nprotocol: {mode: turbo}\n"));
        assertTrue(e.getMessage().startsWith("t: 2 problems:\n  - duration: 'soon' is not a duration"),
                e::getMessage);
    }

    @Test
    void yamlSyntaxErrorsGiveLineAndColumn() {
        List<String> p = problems("links: {both: lan\nworkloads: [\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("not valid YAML at line "), p::toString);
        assertProblem("a: 1\na: 2\n", "not valid YAML");
    }

    @Test
    void problemsInsideOneSweepCaseNameTheCase() {
        List<String> p = problems(BASE + "protocol: {mtu: [1400, 20]}\n");
        assertEquals(List.of("protocol.mtu: 20 is out of range; accepted: 50..1500 bytes (in sweep case "
                + "protocol.mtu=20)"), p);
    }
}
