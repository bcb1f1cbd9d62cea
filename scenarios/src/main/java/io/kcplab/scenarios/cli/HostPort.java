package io.kcplab.scenarios.cli;

import io.kcplab.scenarios.ScenarioException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Socket addresses on the command line: {@code HOST:PORT} or {@code [IPv6]:PORT}, checked and resolved at once. */
final class HostPort {

    private HostPort() {
    }

    /**
     * @param option          the flag, named in every error ("--listen")
     * @param portZeroAllowed true for addresses to bind, where port 0 asks for any free port
     * @param example         a valid value for the flag, shown in the error
     * @throws ScenarioException with one line naming the option and what is wrong
     */
    static InetSocketAddress parse(String option, String text, boolean portZeroAllowed, String example) {
        if (text == null || text.isBlank()) {
            throw new ScenarioException(option + ": missing; expected HOST:PORT such as " + example);
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new ScenarioException(option + ": '" + text + "' is not [IPv6]:PORT such as [::1]:"
                        + example.substring(example.lastIndexOf(':') + 1));
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new ScenarioException(option + ": '" + text + "' has no port; expected HOST:PORT such as "
                        + example);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw new ScenarioException(option + ": '" + text + "': write an IPv6 address in brackets, such as "
                        + "[::1]:" + example.substring(example.lastIndexOf(':') + 1));
            }
        }
        if (host.isEmpty()) {
            throw new ScenarioException(option + ": '" + text + "' has no host; expected HOST:PORT such as "
                    + example);
        }
        int min = portZeroAllowed ? 0 : 1;
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < min || p > 65_535) {
            throw new ScenarioException(option + ": port '" + port + "' is out of range; accepted: " + min
                    + "..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException | SecurityException e) {
            throw new ScenarioException(option + ": unknown host '" + host + "'");
        }
    }
}
