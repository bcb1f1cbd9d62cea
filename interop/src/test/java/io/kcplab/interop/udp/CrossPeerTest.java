package io.kcplab.interop.udp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.kcplab.interop.udp.UdpPeers.Kind.C;
import static io.kcplab.interop.udp.UdpPeers.Kind.GO;
import static io.kcplab.interop.udp.UdpPeers.args;

/**
 * C ikcp ↔ kcp-go on the plain KCP wire: kcp-go without a BlockCrypt and without FEC sends and accepts bare KCP
 * datagrams, so the two reference engines must carry data between each other byte-exactly.
 */
@Timeout(120)
class CrossPeerTest {

    @Test
    void cClientToGoServerStreamMode() {
        UdpTransferCheck.bothWays(C, GO, 16L << 20, args("--stream", "--mode", "fast", "--sndwnd", "1024",
                "--rcvwnd", "1024"));
    }

    @Test
    void goClientToCServerMessageMode() {
        // one KCP segment per message (kcp-go's Write cuts at the mss: 1400 - 24 = 1376 on the raw wire)
        UdpTransferCheck.bothWays(GO, C, 16L << 20, args("--mode", "fast", "--msg-size", "1376", "--sndwnd",
                "1024", "--rcvwnd", "1024"));
    }

    @Test
    void cClientThroughGoEchoServer() {
        UdpTransferCheck.echo(C, GO, 4L << 20, args("--mode", "fast2", "--msg-size", "1200", "--sndwnd", "512",
                "--rcvwnd", "512"));
    }
}
