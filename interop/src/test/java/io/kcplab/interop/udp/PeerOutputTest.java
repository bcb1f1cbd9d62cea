package io.kcplab.interop.udp;

import io.kcplab.interop.PeerJson;
import io.kcplab.interop.SeededStream;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Java halves of the peers' contract: the seeded stream and the JSON lines. No peer needed. */
class PeerOutputTest {

    @Test
    void seededStreamIsSplitmix64LittleEndian() {
        // splitmix64(seed 0) first output: 0xe220a8397b1dcdaf
        byte[] first = new SeededStream(0).next(8);
        assertArrayEquals(new byte[] {(byte) 0xaf, (byte) 0xcd, 0x1d, 0x7b, 0x39, (byte) 0xa8, 0x20, (byte) 0xe2},
                first);
        // the same bytes whatever the chunking
        SeededStream a = new SeededStream(42);
        byte[] whole = a.next(1000);
        SeededStream b = new SeededStream(42);
        byte[] parts = new byte[1000];
        b.fill(parts, 0, 3);
        b.fill(parts, 3, 500);
        b.fill(parts, 503, 497);
        assertArrayEquals(whole, parts);
        assertEquals(1000, b.position());
        // computed independently (Python) for the peers' default seed
        assertEquals("b7e6df0f4c3f6ca0af79050de73bbc8c23434edf36c30596d25c14f3335a8768",
                SeededStream.sha256Hex(1, 1_000_003));
    }

    @Test
    void parsesThePeersLines() {
        Map<String, Object> m = PeerJson.parseObject("{\"event\":\"result\",\"ok\":true,\"error\":\"a \\\"b\\\"\","
                + "\"conv\":4294967295,\"elapsed_ms\":12.5,\"n\":null,\"list\":[1,\"x\",{\"k\":false}]}");
        assertEquals("result", m.get("event"));
        assertEquals(Boolean.TRUE, m.get("ok"));
        assertEquals("a \"b\"", m.get("error"));
        assertEquals(4294967295L, m.get("conv"));
        assertEquals(12.5, m.get("elapsed_ms"));
        assertEquals(null, m.get("n"));
        assertEquals(List.of(1L, "x", Map.of("k", false)), m.get("list"));
        assertEquals(List.of("event", "ok", "error", "conv", "elapsed_ms", "n", "list"), List.copyOf(m.keySet()));
        assertThrows(IllegalArgumentException.class, () -> PeerJson.parseObject("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> PeerJson.parseObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> PeerJson.parseObject("{\"a\":1} x"));
    }
}
