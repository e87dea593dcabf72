package io.claimshub.pickup;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.routes.ClaimsHubHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Reply routes per payer, made from the {@code payer-replies} template in routes/payer-replies.camel.yaml:
 * one on the payer's own folder when its replies arrive in a folder (polled every {@code replies.every},
 * one minute when not set), and one for every payer on {@code <data>/replies/incoming/<payer>/}, where
 * replies fetched over SFTP and those an HTTP delivery got in its response land (polled every second).
 * The folder side of reply pickup, next to the SFTP side ({@link ReplyPickupRoutes}); both hand each file
 * to the {@code payerReplies} bean.
 */
public final class PayerReplyRoutes implements StartupListener {

    static final String TEMPLATE = "payer-replies";

    private final PartnerConfig partners;
    private final Path dataDir;
    private final Duration localPoll;

    /** @param localPoll how often the local incoming folders are polled */
    public PayerReplyRoutes(PartnerConfig partners, Path dataDir, Duration localPoll) {
        this.partners = partners;
        this.dataDir = dataDir;
        this.localPoll = localPoll;
    }

    /** Where replies fetched from a payer's server or received in a response land for this payer. */
    static Path incoming(Path dataDir, String payerId) {
        return dataDir.resolve("replies").resolve("incoming").resolve(payerId);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes are added when the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (PayerConfig payer : partners.payers()) {
            add(context, TEMPLATE + "-incoming-" + payer.id(), payer, incoming(dataDir, payer.id()), localPoll, false);
            if (!(payer.replies() instanceof PayerConfig.Replies.Folder replies) || replies.path() == null) {
                continue;
            }
            add(context, TEMPLATE + "-" + payer.id(), payer, replies.path(),
                    replies.every() == null ? Duration.ofMinutes(1) : replies.every(), true);
        }
    }

    private static void add(CamelContext context, String routeId, PayerConfig payer, Path folder, Duration every,
                            boolean createFolder) {
        TemplatedRouteBuilder.builder(context, TEMPLATE)
                .routeId(routeId)
                .parameter("payerId", payer.id())
                .parameter("folder", folder.toString())
                .parameter("archiveName", ClaimsHubHeaders.ARCHIVE_NAME_EXPRESSION)
                .parameter("delay", String.valueOf(every.toMillis()))
                .parameter("initialDelay", String.valueOf(createFolder ? Math.min(every.toMillis(), 1000) : every.toMillis()))
                .parameter("autoCreate", String.valueOf(createFolder))
                .add();
    }
}
