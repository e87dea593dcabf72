package io.claimshub.mllp;

/**
 * How many connections the MLLP listener serves and how long it waits on them (the
 * {@code claimshub.mllp.*} keys of the same names; docs/resilience.md).
 *
 * @param maxConnections        connections served at once ({@code max-connections})
 * @param maxPerAddress         connections one source address may hold ({@code max-connections-per-address})
 * @param reserved              the last free connections, kept for addresses that hold none
 *                              ({@code reserved-connections})
 * @param firstByteTimeoutMillis a new connection that sends nothing this long is closed ({@code first-byte-timeout})
 * @param frameTimeoutMillis    a message must arrive whole within this time of its first byte ({@code frame-timeout})
 */
public record ConnectionLimits(int maxConnections, int maxPerAddress, int reserved, int firstByteTimeoutMillis,
                               int frameTimeoutMillis) {

    public ConnectionLimits {
        if (maxConnections < 1 || maxPerAddress < 1 || reserved < 0 || reserved >= maxConnections
                || firstByteTimeoutMillis < 1 || frameTimeoutMillis < 1) {
            throw new IllegalArgumentException("MLLP connection limits: max-connections and max-connections-per-address"
                    + " must be at least 1, reserved-connections from 0 to max-connections - 1, first-byte-timeout and"
                    + " frame-timeout at least 1 ms (found " + maxConnections + ", " + maxPerAddress + ", " + reserved
                    + ", " + firstByteTimeoutMillis + ", " + frameTimeoutMillis + ")");
        }
    }
}
