package io.claimshub;

import io.claimshub.api.ApiLogin;
import io.claimshub.api.ApiRequestHandler;
import io.claimshub.api.ApiUsers;
import io.claimshub.api.BusinessHttpEngine;
import io.claimshub.api.ClaimsApi;
import io.claimshub.api.DeliveryRedelivery;
import io.claimshub.api.EncountersApi;
import io.claimshub.api.LoginThrottle;
import io.claimshub.api.PaymentsApi;
import io.claimshub.api.Redelivery;
import io.claimshub.api.RepliesApi;
import io.claimshub.api.WorklistApi;
import io.claimshub.config.Durations;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.SetAsideFiles;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.ManualPayments;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.ledger.WorklistQueries;
import io.claimshub.replies.PayerReplies;
import io.claimshub.replies.SecondaryBilling;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.platform.http.PlatformHttpComponent;

import java.time.Clock;

/**
 * The REST API and the dashboard on the business HTTP port (routes/api.camel.yaml, routes/dashboard.camel.yaml):
 * {@code apiRequests} checks credentials and role, does the work, writes the audit row and answers JSON.
 */
public class ApiConfiguration implements CamelConfiguration {

    @PropertyInject("claimshub.api.users-file")
    String usersFile;
    @PropertyInject("claimshub.api.login.cache")
    String loginCache;
    @PropertyInject("claimshub.api.login.max-failures-per-user")
    int maxFailuresPerUser;
    @PropertyInject("claimshub.api.login.max-failures-per-address")
    int maxFailuresPerAddress;
    @PropertyInject("claimshub.api.login.window")
    String loginWindow;
    @PropertyInject("camel.server.port")
    int businessPort;

    @BeanInject
    LedgerDatabase database;
    @BeanInject
    Clock clock;
    @BeanInject
    ClaimQueries queries;

    private Redelivery redelivery;

    @BindToRegistry("redelivery")
    public Redelivery redelivery() {
        if (redelivery == null) {
            redelivery = new DeliveryRedelivery(new DeliveryLedger(database.dataSource(), clock), queries);
        }
        return redelivery;
    }

    @BindToRegistry("apiRequests")
    public ApiRequestHandler apiRequests(HubNodes nodes, PartnerConfig partners, ClaimIntake intake,
                                         PayerReplies payerReplies, SecondaryBilling secondaryBilling, HubFolders folders) {
        AuditLog audit = new AuditLog(database.dataSource(), clock);
        ReplyLedger replies = new ReplyLedger(database.dataSource(), clock);
        ApiUsers users = new ApiUsers(folders.resolve(usersFile), Durations.parse(loginCache), clock);
        LoginThrottle throttle = new LoginThrottle(maxFailuresPerUser, maxFailuresPerAddress, Durations.parse(loginWindow), clock);
        return new ApiRequestHandler(new ApiLogin(users, throttle, audit),
                new ClaimsApi(queries, audit, partners, intake, redelivery(), replies),
                new RepliesApi(replies, payerReplies, secondaryBilling, audit, partners),
                new PaymentsApi(new ManualPayments(database.dataSource(), clock), audit, clock),
                new EncountersApi(new EncounterLedger(database.dataSource(), clock), audit, partners),
                new WorklistApi(new WorklistQueries(database.dataSource(), clock), new SetAsideFiles(), replies,
                        new DeliveryLedger(database.dataSource(), clock), audit, partners),
                nodes);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.getComponent("platform-http", PlatformHttpComponent.class).setEngine(new BusinessHttpEngine(businessPort));
        context.addStartupListener(new StartupBanner(Beans.of(context, PartnerConfig.class), context.getPropertiesComponent()));
    }
}
