package io.claimshub.pickup;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.routes.ClaimsHubHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.PropertiesComponent;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One {@code reply-pickup-sftp} route (routes/reply-pickup-sftp.camel.yaml) per payer whose replies come over
 * SFTP. Logins are checked when the hub is configured, so a missing key, password or known_hosts file
 * stops start-up with what to fix; the routes are added once the context has started, because the
 * YAML templates are loaded with the routes.
 */
public final class ReplyPickupRoutes implements StartupListener {

    static final String TEMPLATE = "reply-pickup-sftp";

    private record Payer(String id, SftpLogin login, long delayMillis) {
    }

    private final List<Payer> payers;
    private final String doneDirectory;

    private ReplyPickupRoutes(List<Payer> payers, String doneDirectory) {
        this.payers = payers;
        this.doneDirectory = doneDirectory;
    }

    /**
     * Binds {@code replyLanding}, {@code replyPickupCounters}, {@code replyPickupFailures}, {@code replyFileClaims}
     * (which hub of several takes a reply file, for these routes and the payer-replies folder routes) and, per sftp
     * payer, its name filter and poll strategy; registers the routes to be added at start.
     */
    public static void install(CamelContext context, PartnerConfig partners, Path dataDir, Clock clock,
                               WorkClaims workClaims) throws Exception {
        install(context, partners, dataDir, clock, workClaims, System::getenv);
    }

    static void install(CamelContext context, PartnerConfig partners, Path dataDir, Clock clock, WorkClaims workClaims,
                        Function<String, String> environment) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        long maxBytes = Long.parseLong(properties.resolveProperty("claimshub.replies.max-bytes").orElse("536870912"));
        String done = properties.resolveProperty("claimshub.replies.sftp.done-directory").orElse("").trim();
        if (!done.isEmpty() && !RemoteFileNames.isSafe(done)) {
            throw new IllegalStateException("claimshub.replies.sftp.done-directory must be one directory name"
                    + " inside the polled directory, like .done: " + RemoteFileNames.problem(done).orElseThrow());
        }
        PickupCounters counters = new PickupCounters();
        context.getRegistry().bind("replyPickupCounters", counters);
        context.getRegistry().bind("replyLanding", new ReplyLanding(dataDir, maxBytes, clock, counters));
        context.getRegistry().bind("replyPickupFailures", new PickupFailures(counters));
        context.getRegistry().bind("replyFileClaims", new ReplyFileClaims(workClaims));

        List<Payer> sftpPayers = new ArrayList<>();
        for (PayerConfig payer : partners.payers()) {
            if (!(payer.replies() instanceof PayerConfig.Replies.Sftp replies)) {
                continue;
            }
            SftpLogin login = SftpLogin.of(payer.id(), replies.account(), replies.directory(), environment);
            context.getRegistry().bind(filterName(payer.id()), new SafeRemoteNameFilter(payer.id(), counters));
            context.getRegistry().bind(pollStrategyName(payer.id()), new PickupPollStrategy(payer.id(), login, counters));
            sftpPayers.add(new Payer(payer.id(), login, Math.max(1, replies.every().toMillis())));
        }
        context.addStartupListener(new ReplyPickupRoutes(sftpPayers, done));
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes are added when the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (Payer payer : payers) {
            SftpLogin login = payer.login();
            TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId(TEMPLATE + "-" + payer.id())
                    .parameter("payerId", payer.id())
                    .parameter("host", login.host())
                    .parameter("port", String.valueOf(login.port()))
                    .parameter("directory", relative(login.directory()))
                    .parameter("username", login.username())
                    .parameter("knownHostsFile", login.knownHostsFile().toString())
                    .parameter("authentication", login.authentication())
                    .parameter("delay", String.valueOf(payer.delayMillis()))
                    .parameter("filter", filterName(payer.id()))
                    .parameter("pollStrategy", pollStrategyName(payer.id()))
                    .parameter("afterPickupOption", doneDirectory.isEmpty() ? "delete" : "move")
                    // the listed name passed SafeRemoteNameFilter; the time keeps a reused name from clashing
                    .parameter("afterPickupValue", doneDirectory.isEmpty() ? "true"
                            : doneDirectory + "/" + ClaimsHubHeaders.ARCHIVE_NAME_EXPRESSION);
            if (login.privateKeyFile() != null) {
                route.parameter("privateKeyFile", login.privateKeyFile().toString());
            }
            if (login.password() != null) {
                route.parameter("password", login.password());
            }
            route.add();
        }
    }

    static String filterName(String payerId) {
        return "replyPickupFilter-" + payerId;
    }

    static String pollStrategyName(String payerId) {
        return "replyPickupPollStrategy-" + payerId;
    }

    /**
     * camel-ftp takes every sftp directory as relative to the login directory (it warns and drops a
     * leading '/'), which on the usual chrooted payer account is the same place.
     */
    static String relative(String directory) {
        String d = directory;
        while (d.startsWith("/")) {
            d = d.substring(1);
        }
        return d;
    }
}
