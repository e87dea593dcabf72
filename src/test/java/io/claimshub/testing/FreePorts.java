package io.claimshub.testing;

import org.apache.camel.test.AvailablePortFinder;

import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports for the hubs the tests start. Camel's finder probes a port and lets it go, so two
 * calls in a row can name the same one (seen: a hub given one port for HTTP and management refused to
 * start); a port is handed out once per test JVM here.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int next() {
        while (true) {
            int port = AvailablePortFinder.getNextAvailable();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }
}
