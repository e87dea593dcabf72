package io.claimshub.delivery;

import java.nio.file.Path;

/** Sends one batch file to one payer. An instance belongs to one payer and is used by one thread at a time. */
interface Transport extends AutoCloseable {

    /**
     * @param file       the 837 file on local disk
     * @param remoteName the name the payer gets it under
     * @param resumed    an earlier attempt may already have completed it (check before sending again)
     * @return where the file went and how, for the ledger
     */
    Sent send(Path file, String remoteName, boolean resumed) throws DeliveryException;

    @Override
    void close();

    /** @param reply a synchronous 999 or TA1 the payer answered with, or null */
    record Sent(String destination, String detail, Reply reply) {
    }

    /** An X12 reply body and its kind (999, ta1). */
    record Reply(String kind, String body) {
    }
}
