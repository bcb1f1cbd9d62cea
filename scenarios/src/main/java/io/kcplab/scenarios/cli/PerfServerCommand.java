package io.kcplab.scenarios.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kcplab.scenarios.ScenarioException;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.SessionOptions;
import io.kcplab.transport.perf.PerfReport;
import io.kcplab.transport.perf.PerfServer;
import io.kcplab.transport.perf.PerfText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kcplab perf server}: serves perf clients until Ctrl-C, or one client with --once. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Accept KCP sessions from `kcplab perf client`: count, hash and check the stream a client "
            + "sends (or echo it back with --echo), or send it (--reverse clients); print a summary per session.",
            "Exit codes (--once): 0 the ends agreed, 1 they did not or the transfer failed, 2 bad option or bind "
                + "failure, 3 internal error."})
final class PerfServerCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Where to listen (port 0 = any free port, printed at start).")
    String listen;

    @Option(names = "--echo", description = "Send every byte of a forward transfer back to the client.")
    boolean echo;

    @Option(names = "--once", description = "Serve one client, then exit with its result.")
    boolean once;

    @Option(names = {"-J", "--json"}, description = "Print one JSON object per session instead of text.")
    boolean json;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Drop a session that makes no progress for this long, or sends no request (default "
                + "${DEFAULT-VALUE}).")
    String stallTimeout;

    @Mixin
    SessionFlags session;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The OS's reason, without the transport's "cannot bind /addr:" prefix or Netty's "bind(..) failed". */
    static String bindProblem(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof BindException || m.contains("Address already in use")) {
            if (m.contains("already in use") || m.contains("already bound")) {
                return "address already in use";
            }
        }
        int cut = m.lastIndexOf(": ");
        return cut >= 0 ? m.substring(cut + 2) : m;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        InetSocketAddress at = PerfCommand.address("--listen", listen, true);
        SessionOptions options = session.toOptions();
        java.time.Duration stall = PerfCommand.duration("--stall-timeout", stallTimeout, 1);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch first = new CountDownLatch(1);
        AtomicReference<PerfReport> firstReport = new AtomicReference<>();
        AtomicInteger served = new AtomicInteger();
        PerfServer.Config config = new PerfServer.Config().echo(echo).helloTimeout(stall).stallTimeout(stall)
                .notices(text -> {
                    synchronized (out) {
                        err.println("kcplab perf: " + text);
                        err.flush();
                    }
                });
        KcpTransport transport = KcpTransport.create(Math.max(1, Math.min(4,
                Runtime.getRuntime().availableProcessors())));
        PerfServer server;
        try {
            server = PerfServer.start(transport, at, options, config, r -> {
                int id = served.incrementAndGet();
                synchronized (out) {
                    if (json) {
                        try {
                            out.println(PerfCommand.json().writeValueAsString(r));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException(e);
                        }
                    } else {
                        out.println("session " + id + " from " + r.remote() + ": " + r.direction().name()
                                .toLowerCase(java.util.Locale.ROOT) + ", seed " + r.seed());
                        out.println(PerfText.summary(id, r));
                    }
                    out.flush();
                }
                if (firstReport.compareAndSet(null, r)) {
                    first.countDown();
                }
            });
        } catch (IOException e) {
            transport.close();
            throw new ScenarioException("--listen: cannot bind " + PerfCommand.format(at) + ": " + bindProblem(e));
        }
        if (!json) {
            out.println("kcplab perf: server listening on " + PerfCommand.format(server.localAddress()) + " ("
                    + (echo ? "echo" : "sink") + (once ? ", one client" : ", Ctrl-C stops") + ")");
            out.println("  " + PerfCommand.describe(options));
            out.flush();
        }
        Thread hook = new Thread(() -> {
            server.close();
            transport.close();
        }, "kcplab-perf-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (once) {
                first.await();
                PerfReport r = firstReport.get();
                if (!r.ok()) {
                    err.println("kcplab perf: FAILED: " + r.failure());
                    err.flush();
                    return KcpLabCommand.FAILED;
                }
                return KcpLabCommand.OK;
            }
            new CountDownLatch(1).await(); // until Ctrl-C
            return KcpLabCommand.OK;
        } finally {
            server.close();
            transport.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (Ctrl-C)
            }
        }
    }
}
