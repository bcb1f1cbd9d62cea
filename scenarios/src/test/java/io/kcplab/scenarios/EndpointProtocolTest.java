package io.kcplab.scenarios;

import static io.kcplab.scenarios.ScenarioParsingTest.assertProblem;
import static io.kcplab.scenarios.ScenarioParsingTest.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.Connection;
import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.scenarios.sweep.RunPlan;
import io.kcplab.sim.ExperimentResult;
import io.kcplab.sim.metrics.ConversationMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code protocol.client} / {@code protocol.server}: one end's own settings over the shared ones, and writedelay. */
class EndpointProtocolTest {

    private static final String BASE = "links: {both: {delay: 10ms}}\nworkloads: [{type: bulk}]\n";

    private static Scenario scenario(String protocol) {
        return plan(BASE + "protocol: " + protocol + "\n").cases().get(0).scenario();
    }

    @Test
    void withoutEndpointMapsBothEndsShareOneConfig() {
        Scenario s = scenario("{mode: fast2, fec: off}");
        assertSame(s.config(), s.serverConfig());
        assertEquals(2, s.config().resend());
    }

    @Test
    void anEndpointMapOverridesTheSharedSettingsKeyByKey() {
        Scenario s = scenario("""
                {mode: fast, sndwnd: 64, crypt: none, fec: 4/2,
                 client: {resend: 0, minrto: 10, engine: ikcp},
                 server: {mode: normal, rcvwnd: 512}}""");
        ConnectionConfig client = s.config();
        ConnectionConfig server = s.serverConfig();
        assertEquals(KcpProfile.IKCP, client.engine());
        assertEquals(0, client.resend(), "the client's own resend");
        assertEquals(10, client.minRto());
        assertEquals(30, client.interval(), "fast, shared");
        assertEquals(64, client.sndWnd(), "shared");
        assertEquals(KcpProfile.KCP_GO, server.engine(), "the default engine: the client's is its own");
        assertEquals(0, server.nodelay(), "the server's own mode");
        assertEquals(40, server.interval(), "normal's interval");
        assertEquals(2, server.resend(), "normal's resend");
        assertEquals(0, server.minRto());
        assertEquals(64, server.sndWnd(), "shared");
        assertEquals(512, server.rcvWnd());
        for (ConnectionConfig c : List.of(client, server)) {
            assertEquals("none", c.cipher(), "the wire format is shared");
            assertEquals(4, c.dataShards());
            assertEquals(2, c.parityShards());
        }
    }

    @Test
    void aSharedExplicitValueOutlivesAnEndpointMode() {
        Scenario s = scenario("{mode: fast, resend: 0, server: {mode: fast3}}");
        assertEquals(0, s.serverConfig().resend(), "resend: 0 is explicit; fast3's resend 2 does not undo it");
        assertEquals(10, s.serverConfig().interval(), "fast3's interval");
    }

    @Test
    void writeDelayFollowsTheEngineUnlessSet() {
        Scenario byEngine = scenario("{engine: ikcp, server: {engine: kcp-go}}");
        assertTrue(byEngine.config().writeDelay(), "ikcp: queue until the next update");
        assertNull(byEngine.config().writeDelaySetting());
        assertFalse(byEngine.serverConfig().writeDelay(), "kcp-go: flush on write");
        Scenario set = scenario("{engine: ikcp, writedelay: false, server: {engine: kcp-go, writedelay: true}}");
        assertFalse(set.config().writeDelay());
        assertTrue(set.serverConfig().writeDelay());
    }

    @Test
    void anEndpointSettingCanBeSwept() {
        RunPlan plan = plan(BASE + "protocol: {mode: fast, client: {resend: [0, 2]}}\n");
        assertEquals(2, plan.size());
        assertEquals("protocol.client.resend", plan.axes().get(0).path());
        assertEquals(List.of(0, 2), plan.cases().stream().map(c -> c.scenario().config().resend()).toList());
        assertEquals(List.of(2, 2), plan.cases().stream().map(c -> c.scenario().serverConfig().resend()).toList());
        assertEquals("0", plan.cases().get(0).settings().values().get("protocol.client.resend"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{client: {resnd: 2}}|protocol.client.resnd: unknown key; accepted keys of protocol.client: engine, mode",
        "{server: {client: {resend: 2}}}|protocol.server.client: unknown key",
        "{server: {fec: off}}|protocol.server.fec: set it in the shared protocol map: both ends must use the same fec",
        "{client: {crypt: none}}|protocol.client.crypt: set it in the shared protocol map",
        "{client: {stream: false}}|protocol.client.stream: set it in the shared protocol map",
        "{client: fast}|protocol.client: expected a map of this end's own protocol settings",
        "{server: {sndwnd: 0}}|protocol.server.sndwnd: 0 is out of range; accepted: 1..65535 segments",
        "{server: {mode: turbo}}|protocol.server.mode: unknown value 'turbo'",
        "{writedelay: soon}|protocol.writedelay: expected true or false, got 'soon'",
        "{client: {writedelay: 1}}|protocol.client.writedelay: expected true or false",
        "{crypt: aes, fec: 10/3, client: {mtu: 52}}|protocol.client: mtu: 52 is out of range; accepted: 53..1500",
    })
    void endpointMistakesNameTheirPath(String protocol, String expected) {
        assertProblem(BASE + "protocol: " + protocol + "\n", expected);
    }

    @Test
    void aSharedOnlyKeyIsNamedOnceAndNotOfferedAsAccepted() {
        List<String> p = ScenarioParsingTest.problems(BASE + "protocol: {client: {resnd: 2, fec: off}}\n");
        assertEquals(List.of("protocol.client.fec: set it in the shared protocol map: both ends must use the same "
                + "fec (the wire format and stream mode), or they cannot talk",
                "protocol.client.resnd: unknown key; accepted keys of protocol.client: engine, mode, nodelay, "
                + "interval, resend, nc, sndwnd, rcvwnd, mtu, minrto, acknodelay, writedelay"), p);
    }

    /** The simulator really runs the two ends with their own settings, and they still talk. */
    @Test
    void aRunGivesEachEndItsOwnSettings() {
        Scenario s = plan("""
                duration: 2s
                links: {both: {delay: 10ms}}
                protocol:
                  fec: off
                  crypt: off
                  mtu: 1200
                  client: {engine: ikcp, mode: fast3, minrto: 10}
                  server: {engine: kcp-go, mode: normal, mtu: 600}
                workloads: [{type: echo, request: 1000B, interval: 20ms}]
                """).cases().get(0).scenario();
        ExperimentResult r = s.experiment(1).run();
        ConversationMetrics m = r.conversations().get(0);
        Connection client = m.client();
        Connection server = m.server();
        assertEquals(KcpProfile.IKCP, client.config().engine());
        assertEquals(KcpProfile.KCP_GO, server.config().engine());
        assertEquals(10, client.kcp().minRto(), "the client's own minimum RTO");
        assertEquals(10, client.kcp().interval(), "fast3");
        assertEquals(40, server.kcp().interval(), "normal");
        assertEquals(1200 - 24, client.kcp().mss());
        assertEquals(600 - 24, server.kcp().mss(), "the server's own MTU");
        // the server's replies leave in segments of its own MSS, the client's requests in one datagram each
        assertTrue(server.wireCounters().outPkts() >= server.bytesWritten() / (600 - 24),
                server.wireCounters().outPkts() + " datagrams for " + server.bytesWritten() + " bytes");
        assertTrue(server.wireCounters().outBytes() <= 600L * server.wireCounters().outPkts());
        assertTrue(server.bytesRead() >= server.bytesWritten() && server.bytesWritten() > 50_000,
                "the echo runs: " + server.bytesWritten() + " bytes echoed");
    }
}
