package io.claimshub.delivery;

import java.time.Instant;

/** What delivery tells the rest of the hub (health, metrics) after each attempt. */
public interface DeliveryEvents {

    DeliveryEvents NONE = new DeliveryEvents() {
        @Override
        public void delivered(String payerId, int claims, Instant at) {
        }

        @Override
        public void failed(String payerId, String error, Instant at) {
        }
    };

    /** A batch file with this many claims reached the payer. */
    void delivered(String payerId, int claims, Instant at);

    /** An attempt failed; {@code error} names the transport problem, never file content. */
    void failed(String payerId, String error, Instant at);
}
