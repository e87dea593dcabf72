package io.claimshub;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * One inbox route per clinic, made from the {@code clinic-inbox} template in routes/intake.camel.yaml.
 * Done once the context has started, because the YAML templates are loaded with the routes.
 */
final class ClinicInboxRoutes implements StartupListener {

    static final String TEMPLATE = "clinic-inbox";

    private final PartnerConfig partners;

    ClinicInboxRoutes(PartnerConfig partners) {
        this.partners = partners;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes are added when the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (ClinicConfig clinic : partners.clinics()) {
            TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId(TEMPLATE + "-" + clinic.id())
                    .parameter("clinicId", clinic.id())
                    .parameter("inbox", clinic.inbox().toString())
                    .add();
        }
    }
}
