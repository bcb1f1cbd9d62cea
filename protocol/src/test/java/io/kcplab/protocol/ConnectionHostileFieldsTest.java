package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.NonceSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The receive path's audit, one field at a time: every peer-controlled header field that the code turns into an
 * index, a length or a window position (FEC seqid, type and size; KCP conv, cmd, frg, wnd, ts, sn, una, len) is set
 * to each extreme value in a real datagram, whole and truncated. {@link Connection#receive} must never throw, and
 * the conversation keeps running afterwards. (Without a cipher a mutated datagram with a valid conv is a forgery
 * KCP cannot tell from data — it may be delivered — so the stream's content is not compared here; with a cipher
 * the mutations fail the checksum before KCP sees them.)
 */
class ConnectionHostileFieldsTest {

    /** Field offsets in a datagram without crypto header: FEC header (8 bytes) then the KCP segment header. */
    private static final int[][] FIELDS = {
        // {offset, width in bytes}
        {0, 4}, {4, 2}, {6, 2},                                  // FEC seqid, type, size
        {8, 4}, {12, 1}, {13, 1}, {14, 2}, {16, 4}, {20, 4}, {24, 4}, {28, 4}, // conv cmd frg wnd ts sn una len
    };
    private static final long[] EXTREMES = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fff_ffffL,
        0x8000_0000L, 0xffff_ffffL, 0xf1, 0xf2, 81, 82, 83, 84, 1376, 1377, 1500};

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void everyExtremeOfEveryFieldIsDroppedOrHandled(KcpProfile engine) {
        ConnectionConfig config = ConnectionConfig.builder().engine(engine).cipher(null).fec(10, 3).build();
        List<byte[]> toPeer = new ArrayList<>();
        List<byte[]> toVictim = new ArrayList<>();
        Connection victim = new Connection(5, config, (b, o, l) -> toPeer.add(copy(b, o, l)), NonceSource.seeded(1), 0);
        Connection peer = new Connection(5, config, (b, o, l) -> toVictim.add(copy(b, o, l)), NonceSource.seeded(2), 0);
        byte[] msg = new byte[4000];
        for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) (i * 13 + 1);
        }
        peer.write(msg, 0, 1000, 1);
        peer.flush(1); // ikcp's write only queues
        List<byte[]> templates = List.copyOf(toVictim);
        toVictim.clear();
        int hostile = 0;
        for (byte[] template : templates) {
            for (int[] field : FIELDS) {
                if (field[0] + field[1] > template.length) {
                    continue;
                }
                for (long value : EXTREMES) {
                    byte[] d = template.clone();
                    for (int k = 0; k < field[1]; k++) {
                        d[field[0] + k] = (byte) (value >>> (8 * k));
                    }
                    for (int cut : new int[] {d.length, d.length - 1, 32, 31, 24}) {
                        if (cut <= d.length) {
                            int len = cut;
                            assertDoesNotThrow(() -> victim.receive(d, 0, len, 2),
                                    () -> "field at " + field[0] + " = " + value + ", length " + len);
                            hostile++;
                        }
                    }
                }
            }
        }
        assertTrue(hostile > 1000, "hostile datagrams: " + hostile);
        // the conversation keeps running: the rest of the message flows without an exception on either side
        peer.write(msg, 1000, msg.length - 1000, 3);
        byte[] got = new byte[1 << 16];
        assertDoesNotThrow(() -> {
            for (int t = 3; t < 3_000; t += 10) {
                for (byte[] d : List.copyOf(toVictim)) {
                    victim.receive(d, 0, d.length, t);
                }
                toVictim.clear();
                for (byte[] d : List.copyOf(toPeer)) {
                    peer.receive(d, 0, d.length, t);
                }
                toPeer.clear();
                victim.tick(t);
                peer.tick(t);
                victim.read(got, 0, got.length);
            }
        });
        assertTrue(peer.waitSnd() == 0, "the peer's data was acknowledged: waitSnd " + peer.waitSnd());
    }

    private static byte[] copy(byte[] b, int off, int len) {
        byte[] c = new byte[len];
        System.arraycopy(b, off, c, 0, len);
        return c;
    }
}
