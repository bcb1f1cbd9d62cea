package io.kcplab.reports.result;

/** Series names the charts and reports look for; producers may add others. */
public final class StandardSeries {
    /** Goodput per interval, bit/s. */
    public static final String GOODPUT = "goodput";
    /** Smoothed RTT, ms. */
    public static final String RTT = "rtt";
    /** Retransmission timeout, ms. */
    public static final String RTO = "rto";
    /** Retransmitted segments per interval. */
    public static final String RETRANSMISSIONS = "retransmissions";
    /** Datagrams dropped by the link per interval. */
    public static final String LINK_LOSSES = "link_losses";

    private StandardSeries() {
    }
}
