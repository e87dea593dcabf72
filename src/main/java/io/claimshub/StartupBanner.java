package io.claimshub;

import io.claimshub.api.ApiUsers;
import io.claimshub.cli.CommandLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The few log lines that say the hub is ready, once every route (the clinic inboxes too) has started:
 * where to drop files, where EHRs connect, where the dashboard is and how to let someone in. Camel's
 * own start-up summaries are at DEBUG (log4j2.xml), so this is what a newcomer reads.
 */
final class StartupBanner implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    private final List<String> lines;

    StartupBanner(PartnerConfig partners, PropertiesComponent properties) {
        this.lines = lines(partners, properties);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the clinic inbox routes are added after this (ClinicInboxRoutes)
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // one event per line: the log escapes line breaks inside a message (log4j2.xml, %escapedMsg)
        lines.forEach(LOG::info);
    }

    private static List<String> lines(PartnerConfig partners, PropertiesComponent properties) {
        List<String> lines = new ArrayList<>();
        lines.add("claims-hub " + CommandLine.version() + " is ready.");
        String label = "  Inboxes:    ";
        for (ClinicConfig clinic : partners.clinics()) {
            lines.add(label + clinic.id() + ": " + clinic.inbox());
            label = "              ";
        }
        lines.add("  MLLP:       port " + value(properties, "claimshub.mllp.port")
                + " on " + value(properties, "claimshub.mllp.host"));
        lines.add("  Dashboard:  " + (Boolean.parseBoolean(value(properties, "camel.server.enabled"))
                ? url(properties, "camel.server") + "/"
                : "off (camel.server.enabled = false)"));
        if (Boolean.parseBoolean(value(properties, "camel.management.enabled"))) {
            lines.add("  Health:     " + url(properties, "camel.management")
                    + value(properties, "camel.management.health-path") + "/ready");
        }
        lines.add("  Users:      add one with: " + ApiUsers.ADD_USER_COMMAND);
        return lines;
    }

    /** http://host:port, with localhost for "every interface" so the address can be opened as printed. */
    private static String url(PropertiesComponent properties, String prefix) {
        String host = value(properties, prefix + ".host");
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":"
                + value(properties, prefix + ".port");
    }

    /** Every key has its default in the shipped application.properties, which the hub always reads. */
    private static String value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElseThrow(() -> new IllegalStateException(key
                + " has no value: the shipped application.properties was not read"));
    }
}
