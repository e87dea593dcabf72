package io.claimshub;

import io.claimshub.api.ApiUsers;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log entry that says the hub is ready, once every route (the clinic inboxes too) has started:
 * where to drop files, where EHRs connect, where the dashboard is and how to let someone in. Camel's
 * own start-up summaries are at DEBUG (log4j2.xml), so this is what a newcomer reads.
 */
final class StartupBanner implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    private final String text;

    StartupBanner(PartnerConfig partners, PropertiesComponent properties) {
        this.text = text(partners, properties);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the clinic inbox routes are added after this (ClinicInboxRoutes)
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        LOG.info(text);
    }

    private static String text(PartnerConfig partners, PropertiesComponent properties) {
        StringBuilder text = new StringBuilder("claims-hub " + ClaimsHub.version() + " is ready.");
        String label = "\n  Inboxes:    ";
        for (ClinicConfig clinic : partners.clinics()) {
            text.append(label).append(clinic.id()).append(": ").append(clinic.inbox());
            label = "\n              ";
        }
        text.append("\n  MLLP:       port ").append(value(properties, "claimshub.mllp.port", "2575"))
                .append(" on ").append(value(properties, "claimshub.mllp.host", "0.0.0.0"));
        text.append("\n  Dashboard:  ").append(Boolean.parseBoolean(value(properties, "camel.server.enabled", "false"))
                ? url(properties, "camel.server", "8080") + "/"
                : "off (camel.server.enabled = false)");
        if (Boolean.parseBoolean(value(properties, "camel.management.enabled", "false"))) {
            text.append("\n  Health:     ").append(url(properties, "camel.management", "9876"))
                    .append(value(properties, "camel.management.health-path", "/observe/health")).append("/ready");
        }
        return text.append("\n  Users:      add one with: ").append(ApiUsers.ADD_USER_COMMAND).toString();
    }

    /** http://host:port, with localhost for "every interface" so the address can be opened as printed. */
    private static String url(PropertiesComponent properties, String prefix, String defaultPort) {
        String host = value(properties, prefix + ".host", "0.0.0.0");
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":"
                + value(properties, prefix + ".port", defaultPort);
    }

    private static String value(PropertiesComponent properties, String key, String defaultValue) {
        return properties.resolveProperty(key).orElse(defaultValue);
    }
}
