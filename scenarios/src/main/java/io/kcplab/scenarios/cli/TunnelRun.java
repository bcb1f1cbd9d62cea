package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.ScenarioException;
import io.kcplab.transport.KcpTransport;
import io.kcplab.transport.smux.SmuxCounters;
import io.kcplab.transport.tunnel.SnmpLog;
import io.kcplab.transport.tunnel.TunnelStats;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts a tunnel end on a transport of its own, and runs it until Ctrl-C (or, when the command runs inside another
 * program, until its thread is interrupted), then prints its counters.
 */
final class TunnelRun {

    private TunnelRun() {
    }

    /** Starts one end of the tunnel on the transport it is given; an IOException means it could not bind. */
    @FunctionalInterface
    interface Starter<E extends Closeable> {
        E start(KcpTransport transport) throws IOException;
    }

    /** A started end and its transport; closing it closes the end, then the transport. */
    record Started<E extends Closeable>(E end, KcpTransport transport) implements Closeable {
        @Override
        public void close() throws IOException {
            end.close();
            transport.close();
        }
    }

    /** Starts an end on a new transport; when it cannot bind, closes the transport and fails saying bindFailure. */
    static <E extends Closeable> Started<E> start(Starter<E> starter, Function<IOException, String> bindFailure) {
        KcpTransport transport = KcpTransport.create();
        try {
            return new Started<>(starter.start(transport), transport);
        } catch (IOException e) {
            transport.close();
            throw new ScenarioException(bindFailure.apply(e));
        }
    }

    static int until(Closeable end, TunnelFlags t, Consumer<String> log, Supplier<TunnelStats> stats,
            Supplier<SmuxCounters> smux, Supplier<Map<String, Long>> snmp) {
        Thread snmpLogger = t.snmplog == null ? null : SnmpLog.start(t.snmplog, t.snmpPeriod(), snmp, log);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        Runnable finish = () -> {
            if (done.compareAndSet(false, true)) {
                if (snmpLogger != null) {
                    snmpLogger.interrupt();
                }
                log.accept("tunnel: " + stats.get());
                log.accept("smux: " + smux.get());
                log.accept("snmp: " + snmp.get());
                try {
                    end.close();
                } catch (Exception ignored) {
                    // closing
                }
                stopped.countDown();
            }
        };
        Thread hook = new Thread(finish, "kcplab-tunnel-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // an embedding caller (tests) stops the tunnel by interrupting the thread that runs the command
            finish.run();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return KcpLabCommand.OK;
    }
}
