package io.kcplab.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.WireProfile;
import io.kcplab.sim.net.DropCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScriptParseTest {

    static final String GOOD = """
            kcplab-fault-script 1
            # a note
            seed 42
            duration 2000000
            sample 50000
            stop-when-finished true
            config client engine=ikcp nodelay=1 interval=10 resend=2 nc=1 sndwnd=32 rcvwnd=64 mtu=1200 stream=false acknodelay=true minrto=30 fec=10/3 crypt=aes checksum=highway key=sp%C3%A4ce+key writedelay=true
            config server engine=kcp-go nodelay=0 interval=40 resend=0 nc=0 sndwnd=128 rcvwnd=128 mtu=1350 stream=true acknodelay=false minrto=0 fec=0/0 crypt=off checksum=kcp-go key=k writedelay=engine
            conversation 3 conv=-7 seed=1 server-nonce=2 client-nonce=3 : echo size=100 interval=20000 stop=1000000
            link client->server delay 25000
            link server->client delay 0
            client->server 20003>10003 0 drop loss
            client->server 20003>10003 4 deliver 25000 order 2 corrupt 17^0x80 truncate 30
            server->client 10003>20003 9 deliver 7 + drop queue corrupt 3^0x1
            end
            """;

    @Test
    void parsesEveryFieldAndWritesTheSameText() {
        FaultScript s = FaultScript.parse(GOOD);
        FaultSettings st = s.settings();
        assertEquals(42, st.seed());
        assertEquals(2_000_000, st.durationMicros());
        assertEquals(50_000, st.sampleMicros());
        assertTrue(st.stopWhenFinished());
        ConnectionConfig c = st.clientConfig();
        assertEquals(KcpProfile.IKCP, c.engine());
        assertEquals(30, c.minRto());
        assertEquals(64, c.rcvWnd());
        assertEquals(WireProfile.HIGHWAY, c.checksum());
        assertEquals("späce key", c.key());
        assertEquals(Boolean.TRUE, c.writeDelaySetting());
        assertEquals(null, st.serverConfig().writeDelaySetting());
        assertEquals(null, st.serverConfig().cipher());
        assertEquals(3, st.conversations().get(0).index());
        assertEquals(-7, st.conversations().get(0).identity().conv());
        assertEquals("echo", st.conversations().get(0).workload().kind());
        assertEquals(25_000, st.baseDelay("client->server"));
        assertEquals(3, s.entries().size());
        Fate f = s.entries().get(1).fate();
        assertEquals(2, f.copy(0).order());
        assertEquals(17, f.copy(0).corruptAt());
        assertEquals(0x80, f.copy(0).corruptMask());
        assertEquals(30, f.copy(0).truncateTo());
        Fate dup = s.entries().get(2).fate();
        assertEquals(2, dup.count());
        assertEquals(DropCause.QUEUE, dup.copy(1).cause());
        assertEquals(3, dup.copy(1).corruptAt());
        assertEquals(List.of("a note"), s.notes());
        assertEquals(GOOD, s.toText());
    }

    @Test
    void aScriptWrittenBeforeWriteDelayWasKeptReadsAsTheEnginesRule() {
        FaultScript s = FaultScript.parse(GOOD.replace(" writedelay=true", ""));
        assertEquals(null, s.settings().clientConfig().writeDelaySetting());
        assertTrue(s.settings().clientConfig().writeDelay(), "ikcp queues writes");
        assertEquals(GOOD.replace("writedelay=true", "writedelay=engine"), s.toText());
    }

    static void rejects(String text, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultScript.parse(text));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' names '" + f + "'");
        }
    }

    @Test
    void badScriptsGetMessagesNamingLineAndProblem() {
        rejects("", "first line must be 'kcplab-fault-script 1'");
        rejects("kcplab-fault-script 2\nend\n", "line 1", "unsupported fault script version '2'");
        rejects(GOOD.replace("end\n", ""), "no 'end' line");
        rejects(GOOD.replace("drop loss", "drop gremlins"), "line 12", "unknown drop cause 'gremlins'",
                "loss, queue, mtu, outage");
        rejects(GOOD.replace("corrupt 17^0x80", "corrupt 17"), "line 13", "BYTE^0xMASK");
        rejects(GOOD.replace("corrupt 17^0x80", "corrupt 17^0x100"), "one byte");
        rejects(GOOD.replace("order 2", "order -2"), "order must be a non-negative integer");
        rejects(GOOD.replace("deliver 7 + drop", "deliver 7 + deliver 1 + drop"), "at most two copies");
        rejects(GOOD.replace("20003>10003 0", "20003-10003 0"), "SRC_PORT>DST_PORT");
        rejects(GOOD.replace("duration 2000000", "duration soon"), "line 4", "duration must be a non-negative");
        rejects(GOOD.replace("engine=ikcp", "engine=tcp"), "line 7", "engine must be kcp-go or ikcp");
        rejects(GOOD.replace(" minrto=30", ""), "missing 'minrto'");
        rejects(GOOD.replace("crypt=aes", "crypt=rot13"), "unknown cipher");
        rejects(GOOD.replace("link server->client delay 0\n", ""), "has no 'link server->client delay");
        rejects(GOOD.replace(" : echo", " echo"), "line 9", "client-nonce=N : WORKLOAD");
        rejects(GOOD.replace("seed 42", "speed 42"), "unknown line 'speed'");
        rejects(GOOD + "seed 1\n", "text after 'end'");
        rejects(GOOD.replace("server->client 10003>20003 9", "client->server 20003>10003 4"), "has two fates");
    }

    @Test
    void unknownWorkloadKindsAreNamedWhenReplayed() {
        FaultScript s = FaultScript.parse(GOOD.replace(": echo", ": teleport"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultRun.replay(s, FaultWorkloads.standard()));
        assertTrue(e.getMessage().contains("unknown workload kind 'teleport'; known: bulk, echo, cbr, onoff"),
                e.getMessage());
    }
}
