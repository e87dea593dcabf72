package io.claimshub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A valid clinics.yaml and payers.yaml that each test breaks in one place, written to a temporary
 * config folder and loaded for real.
 */
public final class PartnerFiles {

    static final String CLINIC = """
              - id: sunrise
                name: Sunrise Family Practice
                npi: "1234567893"
                taxId: "123456789"
                taxonomy: 207Q00000X
                address: { line1: 100 Main St, line2: Suite 2, city: Springfield, state: IL, zip: "627011234" }
                placeOfService: "11"
                submitter: { name: Sunrise Family Practice, id: SUNRISE01, contact: Billing Office, phone: "2175551212" }
                sendingFacilities: [SUNRISE]
                inbox: data/clinics/sunrise/inbox
                outbox: data/clinics/sunrise/outbox
                replyTo: folder
            """;
    public static final String CLINICS = "clinics:\n" + CLINIC;

    static final String PAYER = """
              - id: acme
                name: ACME HEALTH PLAN
                payerId: "60054"
                match: ["ACME", "60054"]
                claimFilingIndicator: CI
                interchange: { senderQualifier: ZZ, senderId: SUNRISEHUB, receiverQualifier: ZZ, receiverId: ACMEHP, usage: T }
                batch: { maxClaims: 5000, every: 15m }
                delivery: { type: folder, path: data/payers/acme/inbound }
                replies: { type: folder, path: data/payers/acme/outbound, every: 1m }
            """;
    static final String PAYERS = "payers:\n" + PAYER;

    static final String FOLDER_DELIVERY = "delivery: { type: folder, path: data/payers/acme/inbound }";
    static final String FOLDER_REPLIES = "replies: { type: folder, path: data/payers/acme/outbound, every: 1m }";
    static final String SFTP_DELIVERY = "delivery: { type: sftp, host: sftp.acme.example, username: sunrise,"
            + " privateKeyFile: secrets/acme_ed25519, knownHostsFile: secrets/known_hosts, directory: /inbound }";

    private PartnerFiles() {
    }

    /** {@code yaml} with {@code from} replaced; fails if {@code from} is not there, so no edit goes unnoticed. */
    static String edit(String yaml, String from, String to) {
        assertThat(yaml).contains(from);
        return yaml.replace(from, to);
    }

    static Path write(Path configDir, String clinics, String payers) {
        try {
            Files.createDirectories(configDir);
            Files.writeString(configDir.resolve("clinics.yaml"), clinics);
            Files.writeString(configDir.resolve("payers.yaml"), payers);
            return configDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PartnerConfig load(Path dir, String clinics, String payers) throws ConfigException {
        return PartnerConfigLoader.load(write(dir.resolve("config"), clinics, payers), dir);
    }

    static List<String> problems(Path dir, String clinics, String payers) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(dir, clinics, payers));
        assertThat(e).as("the config should have been rejected").isNotNull();
        return e.problems();
    }

    static List<String> clinicProblems(Path dir, String clinics) {
        return problems(dir, clinics, PAYERS);
    }

    static List<String> payerProblems(Path dir, String payers) {
        return problems(dir, CLINICS, payers);
    }
}
