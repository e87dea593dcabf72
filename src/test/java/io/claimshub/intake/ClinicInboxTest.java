package io.claimshub.intake;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.IntakeBed;

import io.claimshub.testing.Dft;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.testing.Fixtures;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The inbox bean on its own, with a real ledger: the cases the hub cannot be timed into from outside
 * (a file removed or growing while it is read, a stop between two messages).
 */
class ClinicInboxTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);

    @TempDir
    Path workDir;

    private IntakeBed bed;
    private ClaimQueries ledger;
    private Path inbox;
    private ClinicInbox clinicInbox;
    /** Runs after each claim is accepted: what the test does "while the file is read". */
    private Consumer<String> whileReading = payer -> { };
    private final List<String> accepted = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        bed = new IntakeBed(workDir, Clock.systemUTC());
        ledger = bed.ledger.queries();
        ClaimIntake intake = bed.claimIntake(payer -> {
            accepted.add(payer);
            whileReading.accept(payer);
        });
        clinicInbox = new ClinicInbox(bed.partners, bed.fileIntake(intake), new FailedFileReasons(), WINDOW, Clock.systemUTC());
        inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void a_file_not_yet_stable_is_left_for_a_later_look() throws Exception {
        Path file = Files.writeString(inbox.resolve("new.hl7"), Dft.message().controlId("N1").clm01("NEW1").build());

        clinicInbox.poll("sunrise");
        assertThat(file).exists();
        assertThat(ledger.findByClm01("sunrise", "NEW1")).isEmpty();

        settle(file);
        clinicInbox.poll("sunrise");
        assertThat(file).doesNotExist();
        assertThat(ledger.findByClm01("sunrise", "NEW1")).hasSize(1);
    }

    @Test
    void a_file_that_grows_while_it_is_read_is_read_on_later_without_doubling_a_claim() throws Exception {
        Path file = Files.writeString(inbox.resolve("growing.hl7"), Dft.message().controlId("G1").clm01("GROW1").build()
                + Dft.message().controlId("G2").clm01("GROW2").build());
        settle(file);
        whileReading = payer -> {
            // the writer had only paused: its third message comes while the second is recorded, and the
            // reader takes it up
            if (accepted.size() == 2) {
                append(file, Dft.message().controlId("G3").clm01("GROW3").build());
            }
        };

        clinicInbox.poll("sunrise");
        assertThat(file).as("left in the inbox: it changed while it was read").exists();
        assertThat(Files.readString(inbox.resolve(".progress/growing.hl7")))
                .as("three read, the last to be read again: the pause may have cut it").contains("items=2");

        settle(file);
        clinicInbox.poll("sunrise");
        assertThat(file).doesNotExist();
        assertThat(Fixtures.files(inbox.resolve(".done"))).hasSize(1);
        for (String clm01 : List.of("GROW1", "GROW2", "GROW3")) {
            assertThat(ledger.findByClm01("sunrise", clm01)).as(clm01).hasSize(1);
        }
        assertThat(inbox.resolve(".progress/growing.hl7")).doesNotExist();
    }

    @Test
    void a_stop_between_two_messages_leaves_the_file_and_the_next_look_goes_on_from_there() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            content.append(Dft.message().controlId("S" + i).clm01("STOP" + i).build());
        }
        Path file = Files.writeString(inbox.resolve("five.hl7"), content);
        settle(file);
        whileReading = payer -> {
            if (accepted.size() == 2) {
                clinicInbox.stop();
            }
        };

        clinicInbox.poll("sunrise");
        assertThat(file).exists();
        assertThat(ledger.findByClm01("sunrise", "STOP3")).isEmpty();

        ClinicInbox restarted = restartedInbox();
        accepted.clear();
        whileReading = payer -> { };
        restarted.poll("sunrise");
        assertThat(file).doesNotExist();
        assertThat(accepted).as("only the three messages left were taken").hasSize(3);
        for (int i = 1; i <= 5; i++) {
            assertThat(ledger.findByClm01("sunrise", "STOP" + i)).as("STOP" + i).hasSize(1);
        }
    }

    @Test
    void a_file_removed_while_it_is_read_is_taken_whole_and_nothing_is_set_aside() throws Exception {
        Path file = Files.writeString(inbox.resolve("vanishing.hl7"), Dft.message().controlId("V1").clm01("GONE1").build()
                + Dft.message().controlId("V2").clm01("GONE2").build());
        settle(file);
        whileReading = payer -> {
            if (accepted.size() == 1) {
                delete(file);
            }
        };

        clinicInbox.poll("sunrise");

        assertThat(ledger.findByClm01("sunrise", "GONE1")).hasSize(1);
        assertThat(ledger.findByClm01("sunrise", "GONE2")).as("the open file is still read to its end").hasSize(1);
        assertThat(inbox.resolve(".error")).doesNotExist();
        clinicInbox.poll("sunrise");
    }

    @Test
    void a_file_the_hub_may_not_read_is_set_aside_with_its_reason() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file whatever its permissions");
        Path file = Files.writeString(inbox.resolve("locked.hl7"), Dft.message().build());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        settle(file);

        clinicInbox.poll("sunrise");

        assertThat(Fixtures.files(inbox.resolve(".error"))).anySatisfy(reason -> assertThat(Fixtures.read(reason))
                .contains("locked.hl7: the hub may not read this file (permission denied)"));
    }

    private ClinicInbox restartedInbox() throws Exception {
        PartnerConfig partners = PartnerConfigLoader.load(workDir.resolve("config"), workDir);
        ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
                new ClaimEdits(Clock.systemUTC()));
        ClaimIntake intake = new ClaimIntake(preparation, bed.ledger.intake(), new RejectionWriter(Clock.systemUTC()), accepted::add);
        return new ClinicInbox(partners, new ClinicFileIntake(partners, intake, new ClinicFileReader(ReadLimits.DEFAULTS)),
                new FailedFileReasons(), WINDOW, Clock.systemUTC());
    }

    /** As if the file had been written longer ago than the window. */
    private static void settle(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(WINDOW).minusSeconds(1)));
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
