package io.claimshub;

import io.claimshub.testing.LogCapture;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.cli.CommandLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.claimshub.testing.Fixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a newcomer reads in the log: one banner when ready, one line per file, no noise. */
class StartupLogIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void one_banner_names_each_inbox_the_mllp_port_the_dashboard_and_how_to_add_a_user() throws Exception {
        try (LogCapture log = new LogCapture();
             HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            await().atMost(WAIT).until(() -> log.text().contains(" is ready."));

            String text = log.text();
            assertThat(text).contains("INFO StartupBanner claims-hub " + CommandLine.version() + " is ready.\n");
            for (ClinicConfig clinic : hub.bean("partnerConfig", PartnerConfig.class).clinics()) {
                assertThat(text).contains(clinic.id() + ": " + clinic.inbox() + "\n");
            }
            assertThat(text).contains("INFO StartupBanner   MLLP:       port " + hub.mllpPort() + " on 127.0.0.1\n",
                    "INFO StartupBanner   Dashboard:  http://127.0.0.1:" + hub.httpPort() + "/\n",
                    "INFO StartupBanner   Health:     http://127.0.0.1:" + hub.managementPort() + "/observe/health/ready\n",
                    "INFO StartupBanner   Users:      add one with: claims-hub user add NAME --role operator\n");
            assertThat(Pattern.compile(" is ready\\.").matcher(text).results().count()).isOne();
            assertThat(text).as("the users file is empty: the warning says how to add one")
                    .contains("lists nobody: every API request will be answered 401; add one with:"
                            + " claims-hub user add NAME --role operator");
            assertThat(text).as("Camel's summaries are at DEBUG")
                    .doesNotContain("Auto-configuration summary", "Property-placeholders summary", "HTTP endpoints summary",
                            "    Started mllp-intake");
        }
    }

    @Test
    void a_file_of_5000_messages_gets_one_summary_line_when_done() throws Exception {
        try (LogCapture log = new LogCapture();
             HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                     // durability is not what this test is about: spare the loaded machine 5,000 fsyncs
                     .withProperty("claimshub.ledger.sync-commits", "false").start()) {
            String batch = IntStream.rangeClosed(1, 5000)
                    .mapToObj(i -> Dft.message().controlId("BIG" + i).clm01("BIG" + i).build())
                    .collect(Collectors.joining());
            drop(hub.path("data/clinics/sunrise/inbox"), "big.hl7", batch + Dft.message().controlId("BAD1").clm01("BAD1")
                    .renderingNpi("1234567890").build());

            await().atMost(Duration.ofMinutes(5)).until(() -> log.text().contains("file processed clinic=sunrise file=big.hl7"));

            assertThat(log.text()).contains("INFO ClinicFileIntake file processed clinic=sunrise file=big.hl7 messages=5001"
                    + " accepted=5000 rejected=1 duplicates=0 unreadable=0\n");
        }
    }

    @Test
    void with_retention_off_the_daily_purge_logs_nothing() throws Exception {
        assertThat(logOfThreePurges("0")).doesNotContain("retention purge done", "files removed (retention)");
    }

    @Test
    void with_retention_on_each_purge_says_what_it_did() throws Exception {
        assertThat(logOfThreePurges("30")).contains("retention purge done", "files removed (retention): 0");
    }

    /** The log of a hub whose retention timer fires every 100 ms, once it has fired three times. */
    private String logOfThreePurges(String payloadDays) throws Exception {
        try (LogCapture log = new LogCapture();
             HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                     .withProperty("claimshub.retention.payload-days", payloadDays)
                     .withProperty("claimshub.retention.every", "100")
                     .withProperty("claimshub.retention.first-delay", "0").start()) {
            NotifyBuilder purges = new NotifyBuilder(hub.context()).fromRoute("retention-purge").whenDone(3).create();
            assertThat(purges.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            return log.text();
        }
    }
}
