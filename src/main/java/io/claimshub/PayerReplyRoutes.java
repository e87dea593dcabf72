package io.claimshub;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;

import java.time.Duration;

/**
 * One reply pickup route per payer whose replies arrive in a folder, made from the {@code payer-replies}
 * template in routes/replies.camel.yaml, polling every {@code replies.every} (one minute when not set).
 */
final class PayerReplyRoutes implements StartupListener {

    static final String TEMPLATE = "payer-replies";

    private final PartnerConfig partners;

    PayerReplyRoutes(PartnerConfig partners) {
        this.partners = partners;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes are added when the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (PayerConfig payer : partners.payers()) {
            PayerConfig.Replies replies = payer.replies();
            if (replies == null || !"folder".equals(replies.type()) || replies.path() == null) {
                continue;
            }
            Duration every = replies.every() == null ? Duration.ofMinutes(1) : replies.every();
            TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId(TEMPLATE + "-" + payer.id())
                    .parameter("payerId", payer.id())
                    .parameter("folder", replies.path().toString())
                    .parameter("delay", String.valueOf(every.toMillis()))
                    .add();
        }
    }
}
