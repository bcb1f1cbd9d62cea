package io.kcplab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kcplab.protocol.kcp.KcpProfile;
import io.kcplab.protocol.wire.DatagramSink;
import io.kcplab.protocol.wire.NonceSource;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The path production runs — a {@link Connection} with kcptun's defaults (aes, FEC 10/3) sending, receiving and
 * ticking a bulk transfer over a lossy wire — allocates nothing once warm, on both engine profiles, with one bound
 * for both: zero bytes in a measured round. The wire between the two ends is a ring of preallocated buffers, so the
 * harness itself allocates nothing; it loses every 17th datagram each way (FEC rebuilds them) and a burst of five
 * every 211 (more than three parity shards repair, so KCP retransmits).
 */
class ConnectionAllocationTest {

    /** Rounds are bounded by time: on a loaded machine C2 may take seconds to compile the Vector API kernels. */
    private static final Duration STEADY_STATE_LIMIT = Duration.ofSeconds(60);
    private static final int STEPS_PER_ROUND = 400;
    private static final int CHUNK = 16 * 1024;

    /** A one-way wire: datagrams copied into a ring of preallocated buffers, some lost. */
    private static final class Wire implements DatagramSink {
        final byte[][] slots = new byte[8192][1500];
        final int[] lengths = new int[slots.length];
        int head;
        int size;
        long sent;

        @Override
        public void transmit(byte[] buf, int off, int len) {
            long n = ++sent;
            if (n % 17 == 0 || n % 211 < 5) { // FEC repairs the first; a burst of five beats 3 parity shards
                return;
            }
            if (size == slots.length) {
                throw new AssertionError("wire ring full: the test's step is too coarse");
            }
            int at = (head + size) % slots.length;
            System.arraycopy(buf, off, slots[at], 0, len);
            lengths[at] = len;
            size++;
        }

        void deliverTo(Connection to, long nowMs) {
            while (size > 0) {
                int at = head;
                head = (head + 1) % slots.length;
                size--;
                to.receive(slots[at], 0, lengths[at], nowMs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KcpProfile.class)
    void steadyStateSendReceiveTickAllocatesNothing(KcpProfile engine) {
        ConnectionConfig config = ConnectionConfig.builder().engine(engine).mode(ModePreset.FAST3)
                .windows(256, 256).build();
        assertEquals("aes", config.cipher(), "kcptun's default cipher");
        assertEquals(10, config.dataShards());
        Wire toServer = new Wire();
        Wire toClient = new Wire();
        long[] now = {0};
        Connection client = new Connection(7, config, toServer, NonceSource.seeded(1), now[0]);
        Connection server = new Connection(7, config, toClient, NonceSource.seeded(2), now[0]);
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31 + 7);
        }
        byte[] sink = new byte[CHUNK];
        long[] received = {0};
        Runnable step = () -> {
            long t = ++now[0];
            client.write(chunk, 0, chunk.length, t);
            client.tick(t);
            server.tick(t);
            toServer.deliverTo(server, t);
            toClient.deliverTo(client, t);
            int n;
            while ((n = server.read(sink, 0, sink.length)) > 0) {
                received[0] += n;
            }
        };

        SteadyStateAllocation measured = SteadyStateAllocation.measure(() -> {
            for (int i = 0; i < STEPS_PER_ROUND; i++) {
                step.run();
            }
        }, 0, STEADY_STATE_LIMIT);
        long rounds = measured.rounds();
        assertTrue(received[0] > 16L * CHUNK * rounds, engine + ": only " + received[0] + " bytes delivered in "
                + rounds + " rounds: the transfer stalled, so the measurement says nothing");
        assertTrue(server.wireCounters().fecRecovered() > 0, engine + ": FEC rebuilt nothing");
        assertTrue(client.kcp().stats().timeoutRetransmissions() + client.kcp().stats().fastRetransmissions() > 0,
                engine + ": nothing was retransmitted");
        measured.assertClean(engine + ", rounds of " + STEPS_PER_ROUND + " write/tick/receive/read steps");
    }
}
