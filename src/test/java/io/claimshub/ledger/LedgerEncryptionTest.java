package io.claimshub.ledger;

import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An H2 ledger opened with CIPHER=AES: nothing of a claim readable in the file, and it opens again only with the key. */
class LedgerEncryptionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private static final String PAYLOAD = "{\"patient\":{\"last\":\"ZYXWVUTSON\",\"first\":\"QUENTINA\",\"dob\":\"19390704\"}}";

    @TempDir
    Path dir;

    @Test
    void the_file_holds_no_claim_text_and_reopens_with_the_key_only() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("ledger/claims") + ";WRITE_DELAY=0;CIPHER=AES";
        try (LedgerDatabase db = LedgerDatabase.open(url, "sa", "", Optional.of("s3cret-Key_42"))) {
            new IntakeLedger(db.dataSource(), CLOCK).recordClaim(new IncomingClaim("sunrise", "ACCENC1", "1", null, "acme",
                    new BigDecimal("215.00"), PAYLOAD, "h1", new Source("file", "visit.hl7", "M1"), List.of()));
        }
        byte[] file = Files.readAllBytes(dir.resolve("ledger/claims.mv.db"));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("ZYXWVUTSON").doesNotContain("ACCENC1").doesNotContain("claim_payload");

        try (LedgerDatabase db = LedgerDatabase.open(url, "sa", "", Optional.of("s3cret-Key_42"))) {
            assertThat(new ClaimQueries(db.dataSource(), CLOCK).findByClm01("sunrise", "ACCENC1")).hasSize(1);
        }
        assertThatThrownBy(() -> LedgerDatabase.open(url, "sa", "", Optional.of("another-key"))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> LedgerDatabase.open(url, "sa", "", Optional.empty()))
                .hasMessageContaining("CIPHER=AES").hasMessageContaining("claimshub.ledger.encryption-key-file");
    }

    @Test
    void the_key_comes_from_a_file_or_else_from_the_environment_variable() throws Exception {
        Path keyFile = dir.resolve("ledger.key");
        Files.writeString(keyFile, "from-file\n");
        assertThat(LedgerDatabase.encryptionKey(keyFile, "LEDGER_KEY", name -> "from-env")).contains("from-file");
        assertThat(LedgerDatabase.encryptionKey(null, "LEDGER_KEY", name -> name.equals("LEDGER_KEY") ? "from-env" : null))
                .contains("from-env");
        assertThat(LedgerDatabase.encryptionKey(null, "LEDGER_KEY", name -> null)).isEmpty();
        Files.writeString(keyFile, "has a space\n");
        assertThatThrownBy(() -> LedgerDatabase.encryptionKey(keyFile, "", name -> null)).hasMessageContaining("space");
    }
}
