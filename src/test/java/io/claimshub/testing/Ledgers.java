package io.claimshub.testing;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.IntakeLedger;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The claim ledger's three parts on one database, as the hub binds them: for tests that take a claim
 * from intake through its batch and read it back.
 */
public record Ledgers(IntakeLedger intake, BatchLedger batches, ClaimQueries queries) {

    public static Ledgers open(DataSource dataSource, Clock clock) {
        return open(dataSource, clock, null);
    }

    /** The parts a running hub bound. */
    public static Ledgers of(HubHarness hub) {
        return new Ledgers(hub.bean("intakeLedger", IntakeLedger.class), hub.bean("batchLedger", BatchLedger.class),
                hub.bean("claimQueries", ClaimQueries.class));
    }

    /** @param nodeId the hub node whose lease fences the batch work (null: none) */
    public static Ledgers open(DataSource dataSource, Clock clock, String nodeId) {
        return new Ledgers(new IntakeLedger(dataSource, clock), new BatchLedger(dataSource, clock, nodeId),
                new ClaimQueries(dataSource, clock));
    }
}
