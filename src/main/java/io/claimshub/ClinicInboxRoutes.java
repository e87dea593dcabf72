package io.claimshub;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClinicInbox;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.nio.file.Files;

/**
 * One inbox route per clinic, made from the {@code clinic-inbox} template in routes/clinic-inbox.camel.yaml.
 * Done once the context has started, because the YAML templates are loaded with the routes. The inbox
 * is told to stop as soon as the hub begins to stop, before Camel waits for the routes: a file being
 * read then stays in the inbox with its progress noted instead of being cut off.
 */
final class ClinicInboxRoutes implements StartupListener {

    static final String TEMPLATE = "clinic-inbox";

    private final PartnerConfig partners;

    private ClinicInboxRoutes(PartnerConfig partners) {
        this.partners = partners;
    }

    static void install(CamelContext context, PartnerConfig partners, ClinicInbox inbox) throws Exception {
        context.addStartupListener(new ClinicInboxRoutes(partners));
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                inbox.stop();
            }
        });
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes are added when the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        for (ClinicConfig clinic : partners.clinics()) {
            // there to drop files into as soon as the hub is ready, before the first look
            Files.createDirectories(clinic.inbox());
            TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId(TEMPLATE + "-" + clinic.id())
                    .parameter("clinicId", clinic.id())
                    .add();
        }
    }
}
