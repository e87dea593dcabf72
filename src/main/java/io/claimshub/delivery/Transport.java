package io.claimshub.delivery;

import java.nio.file.Path;

/**
 * Sends batch files to one payer. An instance belongs to one payer and is used by one thread at a time;
 * it may keep a connection open between files. The hub's are Camel producers (io.claimshub.transport).
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends the file, or finds it already complete at the payer (an earlier attempt got it there before the
     * hub could record it): either way it is there once.
     *
     * @param file       the 837 file on local disk
     * @param remoteName the name the payer gets it under
     * @return where the file went and how, for the ledger
     */
    Sent send(Path file, String remoteName) throws DeliveryException;

    @Override
    void close();

    /** @param reply a synchronous 999 or TA1 the payer answered with, or null */
    record Sent(String destination, String detail, Reply reply) {
    }

    /** An X12 reply body and its kind (999, ta1). */
    record Reply(String kind, String body) {
    }
}
