package io.claimshub.api;

import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.ManualPayments;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.replies.ReplyIntake;
import io.claimshub.ledger.RetentionPurge;
import org.apache.camel.spi.Registry;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Binds the beans routes/api.camel.yaml calls: {@code apiRequests} (the REST API) and
 * {@code retentionPurge} (the daily payload purge).
 */
public final class ApiBeans {

    private ApiBeans() {
    }

    /**
     * @param usersFile   claimshub.api.users-file, resolved against the work directory
     * @param payloadDays claimshub.retention.payload-days; 0 keeps payloads forever
     */
    public static void bind(Registry registry, DataSource ledgerData, ClaimLedger ledger, PartnerConfig partners,
                            ClaimIntake intake, ReplyIntake replyIntake, Path usersFile, int payloadDays, Clock clock) {
        ClaimQueries queries = new ClaimQueries(ledgerData, clock);
        Redelivery redelivery = new DeliveryRedelivery(new DeliveryLedger(ledgerData, clock), queries);
        AuditLog audit = new AuditLog(ledgerData, clock);
        ClaimsApi api = new ClaimsApi(ledger, queries, audit, partners, intake, redelivery);
        RepliesApi replies = new RepliesApi(new ReplyLedger(ledgerData, clock), replyIntake, audit, partners);
        registry.bind("claimQueries", queries);
        registry.bind("redelivery", redelivery);
        PaymentsApi payments = new PaymentsApi(new ManualPayments(ledgerData, clock), audit, clock);
        registry.bind("apiRequests", new ApiRequestHandler(new ApiUsers(usersFile), api, replies, payments));
        registry.bind("retentionPurge", new RetentionPurge(ledgerData, clock, payloadDays));
    }
}
