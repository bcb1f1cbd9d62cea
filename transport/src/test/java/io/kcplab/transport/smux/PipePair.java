package io.kcplab.transport.smux;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;

/** Test helper: two in-memory byte streams crossed, one end for each smux session. */
final class PipePair {

    final End a;
    final End b;

    record End(InputStream in, OutputStream out, Closeable close) {
    }

    PipePair() throws IOException {
        Pipe ab = Pipe.open();
        Pipe ba = Pipe.open();
        a = new End(Channels.newInputStream(ba.source()), Channels.newOutputStream(ab.sink()), () -> {
            ab.sink().close();
            ba.source().close();
        });
        b = new End(Channels.newInputStream(ab.source()), Channels.newOutputStream(ba.sink()), () -> {
            ba.sink().close();
            ab.source().close();
        });
    }

    static SmuxSession[] sessions(SmuxConfig client, SmuxConfig server) throws IOException {
        PipePair p = new PipePair();
        return new SmuxSession[] {
            SmuxSession.open(SmuxSession.Role.CLIENT, p.a.in, p.a.out, p.a.close, client),
            SmuxSession.open(SmuxSession.Role.SERVER, p.b.in, p.b.out, p.b.close, server)};
    }
}
