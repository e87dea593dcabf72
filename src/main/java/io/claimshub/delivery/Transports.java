package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;

/** Makes the transport of one sftp or http payer; {@link DeliveryService} asks once per payer and keeps it. */
@FunctionalInterface
public interface Transports {

    Transport open(PayerConfig payer);
}
