package io.claimshub.observe;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.testing.H2TcpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.claimshub.testing.Fixtures.drop;

/**
 * Health and metrics over real HTTP on the management port of a running hub, as a Kubernetes probe or
 * a Prometheus server sees them.
 */
class ObserveIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void a_dropped_claim_is_counted_by_clinic_on_the_metrics_page_without_any_patient_data() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            await().atMost(WAIT).until(() -> hub.observe("/health/ready").statusCode() == 200);
            assertThat(hub.observe("/health/live").statusCode()).isEqualTo(200);
            assertThat(hub.observe("/metrics").body()).doesNotContain("claims_received_total{clinic=\"sunrise\"}");

            Path inbox = hub.path("data/clinics/sunrise/inbox");
            drop(inbox, "visit-1.hl7", Dft.message().controlId("M1").clm01("ACCPHI1")
                    .patient("ZYXWVUTSON", "QUENTINA", "19390704", "MBRQX98765", "4321 ZEBRAWOOD LN").build());

            await().atMost(WAIT).until(() -> hub.observe("/metrics").body()
                    .contains("claims_received_total{clinic=\"sunrise\"} 1.0"));
            drop(inbox, "visit-2.hl7", Dft.message().controlId("M2").clm01("ACCPHI2").renderingNpi("1234567890")
                    .patient("ZYXWVUTSON", "QUENTINA", "19390704", "MBRQX98765", "4321 ZEBRAWOOD LN").build());
            drop(inbox, "visit-3.hl7", Dft.message().controlId("M3").clm01("ACCPHI3").payer("MEDICARE")
                    .patient("ZYXWVUTSON", "QUENTINA", "19390704", "MBRQX98765", "4321 ZEBRAWOOD LN").build());

            await().atMost(WAIT).until(() -> hub.observe("/metrics").body()
                    .contains("claims_batched_total{clinic=\"sunrise\",payer=\"medicare\"} 1.0"));
            String metrics = hub.observe("/metrics").body();
            assertThat(metrics)
                    .contains("claims_received_total{clinic=\"sunrise\"} 3.0")
                    .contains("claims_validated_total{clinic=\"sunrise\"} 2.0")
                    .contains("claims_rejected_total{clinic=\"sunrise\"} 1.0")
                    .contains("claims_delivered_total{payer=\"medicare\"} 1.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("jvm_threads_live_threads")
                    .contains("camel_exchanges_total")
                    // route metrics per route only (camel.metrics.route-policy-level=route): no hub-wide series
                    .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"clinic-inbox-sunrise\"")
                    .doesNotContain("eventType=\"context\"")
                    .contains("claims_ledger{status=\"VALIDATED\"}")
                    .contains("claims_pending{payer=\"acme\"}");
            // the data folder's file system, where the ledger grows until the next stop (docs/design.md, "Ledger disk space")
            assertThat(value(metrics, "disk_free_bytes{path=\"" + hub.path("data").toAbsolutePath() + "\"}"))
                    .isPositive()
                    .isLessThanOrEqualTo(Files.getFileStore(hub.path("data")).getTotalSpace());
            assertThat(metrics).doesNotContain("ZYXWVUTSON", "QUENTINA", "19390704", "1939-07-04", "MBRQX98765",
                    "ZEBRAWOOD", "ACCPHI", "MRNACC", "visit-");
        }
    }

    /** The value of one series on the Prometheus page; fails when the page has no such series. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
                .orElseThrow(() -> new AssertionError("no " + series + " on the metrics page"));
    }

    @Test
    void the_code_sets_in_use_show_in_the_health_details_and_a_malformed_file_stops_start_up() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").start()) {
            await().atMost(WAIT).until(() -> hub.observe("/health/ready").statusCode() == 200);
            assertThat(hub.observe("/health?data=true").body())
                    .contains("ICD-10-CM: no order file in")
                    .contains("diagnosis codes are checked by shape only")
                    .contains("\"missingFiscalYears\":\"[FY");
        }

        Path broken = workDir.resolve("broken");
        java.nio.file.Files.createDirectories(broken.resolve("codesets/icd10cm"));
        java.nio.file.Files.writeString(broken.resolve("codesets/icd10cm/icd10cm_order_2026.txt"),
                "00001 A00     0 Cholera\r\nA000 1 Cholera due to Vibrio cholerae\r\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HubHarness(broken).withConfig("e2e/config").start().close())
                .isInstanceOf(io.claimshub.codesets.CodeSetException.class)
                .hasMessageContaining("icd10cm_order_2026.txt line 2: not an ICD-10-CM order file line");
    }

    @Test
    void delivery_failures_show_per_payer_in_the_health_details_without_making_the_hub_unready() throws Exception {
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.observe.delivery-down-after", "2").start()) {
            DeliveryHealth delivery = hub.bean("deliveryHealth", DeliveryHealth.class);
            delivery.success("medicare", Instant.parse("2026-11-01T10:00:00Z"));
            delivery.success("acme", Instant.parse("2026-11-01T09:00:00Z"));
            delivery.failure("acme", "ConnectException: Connection refused (sftp.acme.test:22)");
            delivery.failure("acme", "ConnectException: Connection refused (sftp.acme.test:22)");

            await().atMost(WAIT).until(() -> hub.observe("/health/ready").statusCode() == 200);
            String health = hub.observe("/health?data=true").body();
            assertThat(health)
                    .contains("\"status\":\"UP\"")
                    .contains("\"acme.state\":\"DOWN\"")
                    .contains("\"acme.consecutiveFailures\":2")
                    .contains("\"acme.lastSuccess\":\"2026-11-01T09:00:00Z\"")
                    .contains("Connection refused (sftp.acme.test:22)")
                    .contains("\"medicare.state\":\"UP\"")
                    .contains("\"medicare.consecutiveFailures\":0");
            assertThat(hub.observe("/health/ready?data=true").body()).contains("\"acme.state\":\"DOWN\"");
        }
    }

    @Test
    void the_hub_is_not_ready_but_still_live_while_its_ledger_server_is_down() throws Exception {
        try (H2TcpServer database = new H2TcpServer(workDir.resolve("h2"));
             HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.ledger.url", database.ledgerUrl())
                .withProperty("claimshub.observe.ledger-timeout", "500").start()) {
            await().atMost(WAIT).until(() -> hub.observe("/health/ready").statusCode() == 200);

            database.stop();
            await().atMost(WAIT).until(() -> hub.observe("/health/ready").statusCode() == 503);
            assertThat(hub.observe("/health/ready").body())
                    .contains("{\"name\":\"ledger\",\"status\":\"DOWN\",\"message\":\"the ledger is")
                    .contains("{\"name\":\"context\",\"status\":\"UP\"}");
            HttpResponse<String> live = hub.observe("/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).doesNotContain("ledger");
        }
    }
}
