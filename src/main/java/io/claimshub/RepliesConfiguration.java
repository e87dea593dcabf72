package io.claimshub;

import io.claimshub.clinicreturn.ClinicReturn;
import io.claimshub.config.Durations;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.observe.ClaimMetrics;
import io.claimshub.observe.ReplyObserver;
import io.claimshub.pickup.PayerReplyRoutes;
import io.claimshub.pickup.ReplyPickupRoutes;
import io.claimshub.replies.PayerReplies;
import io.claimshub.replies.ReplyApplier;
import io.claimshub.replies.ReplyCodes;
import io.claimshub.replies.ReplyMatcher;
import io.claimshub.replies.ReplyOutcomeMapper;
import io.claimshub.replies.ReplyStore;
import io.claimshub.replies.SecondaryBilling;
import io.claimshub.x12.replies.ReplyFileReader;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

import java.time.Clock;

/**
 * Payer replies (routes/payer-replies.camel.yaml, routes/reply-pickup-sftp.camel.yaml): TA1, 999, 277CA and 835
 * from a folder, an SFTP server or an HTTP delivery's response, matched to claims, passed on to the clinics and,
 * for a claim with a next payer, billed to it.
 */
public class RepliesConfiguration implements CamelConfiguration {

    @PropertyInject("claimshub.replies.remittance-codes")
    String siteCodes;
    @PropertyInject("claimshub.replies.incoming-poll")
    String incomingPoll;

    @BeanInject
    PartnerConfig partners;
    @BeanInject
    HubFolders folders;
    @BeanInject
    Clock clock;
    @BeanInject
    LedgerDatabase database;
    @BeanInject
    HubNodes nodes;
    @BeanInject
    WorkClaims workClaims;

    private ReplyLedger replies;
    private ReplyCodes codes;
    private SecondaryBilling secondaryBilling;

    @BindToRegistry("replyLedger")
    public ReplyLedger replyLedger() {
        if (replies == null) {
            replies = new ReplyLedger(database.dataSource(), clock, nodes.nodeId());
        }
        return replies;
    }

    @BindToRegistry("replyCodes")
    public ReplyCodes replyCodes() {
        if (codes == null) {
            codes = new ReplyCodes(siteCodes.isBlank() ? null : folders.resolve(siteCodes));
        }
        return codes;
    }

    @BindToRegistry("secondaryBilling")
    public SecondaryBilling secondaryBilling(ClaimIntake intake) {
        if (secondaryBilling == null) {
            secondaryBilling = new SecondaryBilling(partners, new ClaimQueries(database.dataSource(), clock), replyLedger(), intake);
        }
        return secondaryBilling;
    }

    @BindToRegistry("payerReplies")
    public PayerReplies payerReplies(ClinicReturn clinicReturn, ClaimMetrics metrics, ClaimQueries queries, ClaimIntake intake) {
        ReplyApplier applier = new ReplyApplier(replyLedger(),
                new ReplyMatcher(partners, replyLedger(), new ReplyOutcomeMapper(replyCodes())), replyCodes());
        applier.listen(new ReplyObserver(metrics, queries, clock));
        applier.billNextPayersWith(secondaryBilling(intake));
        return new PayerReplies(partners, new ReplyStore(replyLedger(), folders.dataDir(), clock), new ReplyFileReader(),
                applier, clinicReturn);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(new PayerReplyRoutes(partners, folders.dataDir(), Durations.parse(incomingPoll)));
        ReplyPickupRoutes.install(context, partners, folders.dataDir(), clock, workClaims);
    }
}
