package io.claimshub.api;

import io.claimshub.config.Durations;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.SetAsideFiles;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.ManualPayments;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.replies.ReplyIntake;
import io.claimshub.replies.SecondaryBilling;
import io.claimshub.ledger.RetentionPurge;
import io.claimshub.ledger.WorklistQueries;
import org.apache.camel.spi.Registry;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

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
     * @param property    the hub's settings, for claimshub.api.login.* (defaults as in application.properties)
     */
    public static void bind(Registry registry, DataSource ledgerData, ClaimLedger ledger, HubNodes nodes, PartnerConfig partners,
                            ClaimIntake intake, ReplyIntake replyIntake, SecondaryBilling secondaryBilling, Path usersFile,
                            int payloadDays, Clock clock, Function<String, Optional<String>> property) {
        ClaimQueries queries = new ClaimQueries(ledgerData, clock);
        DeliveryLedger deliveries = new DeliveryLedger(ledgerData, clock);
        Redelivery redelivery = new DeliveryRedelivery(deliveries, queries);
        AuditLog audit = new AuditLog(ledgerData, clock);
        ReplyLedger replyLedger = new ReplyLedger(ledgerData, clock);
        ClaimsApi api = new ClaimsApi(ledger, queries, audit, partners, intake, redelivery, replyLedger);
        RepliesApi replies = new RepliesApi(replyLedger, replyIntake, secondaryBilling, audit, partners);
        WorklistApi worklists = new WorklistApi(new WorklistQueries(ledgerData, clock), new SetAsideFiles(), replyLedger,
                deliveries, audit, partners);
        registry.bind("claimQueries", queries);
        registry.bind("redelivery", redelivery);
        ApiUsers users = new ApiUsers(usersFile,
                Durations.parse(property.apply("claimshub.api.login.cache").orElse("5m")), clock);
        LoginThrottle throttle = new LoginThrottle(
                Integer.parseInt(property.apply("claimshub.api.login.max-failures-per-user").orElse("5")),
                Integer.parseInt(property.apply("claimshub.api.login.max-failures-per-address").orElse("20")),
                Durations.parse(property.apply("claimshub.api.login.window").orElse("15m")), clock);
        PaymentsApi payments = new PaymentsApi(new ManualPayments(ledgerData, clock), audit, clock);
        EncountersApi encounters = new EncountersApi(new EncounterLedger(ledgerData, clock), audit, partners);
        registry.bind("apiRequests", new ApiRequestHandler(new ApiLogin(users, throttle, audit), api, replies, payments,
                encounters, worklists, nodes));
        registry.bind("retentionPurge", new RetentionPurge(ledgerData, clock, payloadDays));
    }
}
