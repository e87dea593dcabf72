package io.claimshub.mllp;

/** Why the listener refused a new connection or cut one it had taken: the log line's reason and the metric label. */
enum ConnectionDrop {

    CONNECTION_LIMIT(true, "connection_limit"),
    ADDRESS_LIMIT(true, "address_limit"),
    RESERVED_FOR_OTHERS(true, "reserved_for_others"),
    FIRST_BYTE_TIMEOUT(false, "first_byte_timeout"),
    FRAME_TIMEOUT(false, "frame_timeout");

    final boolean refused;
    final String label;

    ConnectionDrop(boolean refused, String label) {
        this.refused = refused;
        this.label = label;
    }

    /** What an operator reads after "MLLP connection from ADDRESS refused: " (or "cut: "), with the key to change. */
    String reason(ConnectionLimits limits) {
        return switch (this) {
            case CONNECTION_LIMIT -> "all " + limits.maxConnections() + " connections are in use"
                    + " (claimshub.mllp.max-connections)";
            case ADDRESS_LIMIT -> "it already has " + limits.maxPerAddress() + " connections open"
                    + " (claimshub.mllp.max-connections-per-address)";
            case RESERVED_FOR_OTHERS -> "the last " + limits.reserved() + " free connections are kept for senders"
                    + " without one (claimshub.mllp.reserved-connections)";
            case FIRST_BYTE_TIMEOUT -> "nothing received within " + limits.firstByteTimeoutMillis()
                    + " ms of connecting (claimshub.mllp.first-byte-timeout)";
            case FRAME_TIMEOUT -> "a message took longer than " + limits.frameTimeoutMillis()
                    + " ms to arrive (claimshub.mllp.frame-timeout)";
        };
    }
}
