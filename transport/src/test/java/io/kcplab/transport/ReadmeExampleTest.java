package io.kcplab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.ModePreset;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's transport example, verbatim but for the port (0: any free one) and the final check. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRuns() throws Exception {
        try (KcpTransport transport = KcpTransport.create()) {
            SessionOptions options = SessionOptions.builder()
                    .connection(ConnectionConfig.builder().mode(ModePreset.FAST3).cipher("aes").key("secret").build())
                    .build();
            KcpListener listener = KcpListener.bind(transport, new InetSocketAddress("127.0.0.1", 0), options);
            KcpSession client = KcpSession.dial(transport, listener.localAddress(), options);
            client.outputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            KcpSession server = listener.accept(Duration.ofSeconds(5));
            byte[] buf = new byte[5];
            server.inputStream().readNBytes(buf, 0, 5);
            assertEquals("hello", new String(buf, StandardCharsets.UTF_8));
        }
    }
}
