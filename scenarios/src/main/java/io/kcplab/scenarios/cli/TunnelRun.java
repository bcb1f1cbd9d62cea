package io.kcplab.scenarios.cli;

import io.kcplab.transport.smux.SmuxCounters;
import io.kcplab.transport.tunnel.SnmpLog;
import io.kcplab.transport.tunnel.TunnelStats;
import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a started tunnel end until Ctrl-C (or, when the command runs inside another program, until its thread is
 * interrupted), then prints its counters.
 */
final class TunnelRun {

    private TunnelRun() {
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
