package io.claimshub.e2e;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Fixtures;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static io.claimshub.testing.Fixtures.drop;
import static io.claimshub.testing.Fixtures.files;
import static io.claimshub.testing.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a clinic can drop in its inbox besides a good file, through the real hub: empty files, named
 * pipes, devices, sockets, symbolic links, folders, a file written in pieces, a message from another
 * clinic, an oversized message. Each is set aside or refused with a reason, and none holds up a good
 * file dropped beside it.
 */
class ClinicInboxIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Far below what each of these used to cost a good file (10 s per empty file, for ever for a pipe). */
    private static final Duration PROMPTLY = Duration.ofSeconds(8);

    @TempDir
    Path workDir;

    private Path inbox() {
        return workDir.resolve("data/clinics/sunrise/inbox");
    }

    private HubHarness hub() {
        return new HubHarness(workDir).withConfig("inbox/config");
    }

    @Test
    void empty_files_go_to_error_with_their_reason_and_do_not_hold_up_a_good_file() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        for (String name : List.of("empty-1.hl7", "empty-2.hl7", "empty-3.hl7")) {
            Files.createFile(inbox.resolve(name));
        }
        try (HubHarness hub = hub().start()) {
            drop(inbox, "good.hl7", Dft.message().controlId("G1").clm01("GOOD1").build());

            await().atMost(PROMPTLY).until(() -> files(inbox.resolve(".done")).size() == 1);
            await().atMost(WAIT).until(() -> reasons(inbox).size() == 3);
            assertThat(reasons(inbox)).allSatisfy(reason -> assertThat(reason).contains(": the file is empty"));
            assertThat(names(inbox)).isEmpty();
            assertThat(hub.bean("claimQueries", ClaimQueries.class).findByClm01("sunrise", "GOOD1")).hasSize(1);
        }
    }

    @Test
    void a_named_pipe_is_set_aside_unopened_and_does_not_hold_up_a_good_file() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        Path pipe = inbox.resolve("pipe.hl7");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        try (HubHarness hub = hub().start()) {
            drop(inbox, "good.hl7", Dft.message().controlId("G1").clm01("GOOD1").build());

            await().atMost(PROMPTLY).until(() -> files(inbox.resolve(".done")).size() == 1);
            await().atMost(WAIT).until(() -> reasons(inbox).size() == 1);
            assertThat(reasons(inbox)).singleElement().asString()
                    .contains("pipe.hl7: a named pipe (FIFO), not a file");
            assertThat(entries(inbox.resolve(".error"))).anySatisfy(p -> assertThat(p.getFileName().toString())
                    .endsWith("-pipe.hl7"));
        }
    }

    @Test
    void a_device_and_a_socket_are_set_aside_with_their_reason() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        Path device = inbox.resolve("device.hl7");
        // creating a device file needs root (CAP_MKNOD); the socket needs no privilege
        boolean madeDevice = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0;
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(inbox.resolve("socket.hl7")));
            try (HubHarness hub = hub().start()) {
                drop(inbox, "good.hl7", Dft.message().controlId("G1").clm01("GOOD1").build());

                await().atMost(PROMPTLY).until(() -> files(inbox.resolve(".done")).size() == 1);
                await().atMost(WAIT).until(() -> reasons(inbox).size() == (madeDevice ? 2 : 1));
                assertThat(reasons(inbox)).anySatisfy(r -> assertThat(r).contains("socket.hl7: a socket, not a file"));
                if (madeDevice) {
                    assertThat(reasons(inbox)).anySatisfy(r -> assertThat(r).contains("device.hl7: a device, not a file"));
                }
            }
        }
    }

    @Test
    void a_symbolic_link_is_set_aside_and_the_file_it_points_to_is_never_billed() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        Path outside = Files.writeString(workDir.resolve("outside.hl7"),
                Dft.message().controlId("L1").clm01("LINKED1").build());
        Files.createSymbolicLink(inbox.resolve("link.hl7"), outside);
        try (HubHarness hub = hub().start()) {
            drop(inbox, "good.hl7", Dft.message().controlId("G1").clm01("GOOD1").build());

            await().atMost(PROMPTLY).until(() -> files(inbox.resolve(".done")).size() == 1);
            await().atMost(WAIT).until(() -> reasons(inbox).size() == 1);
            assertThat(reasons(inbox)).singleElement().asString()
                    .contains("link.hl7: a symbolic link; links are not followed");
            assertThat(hub.bean("claimQueries", ClaimQueries.class).findByClm01("sunrise", "LINKED1")).isEmpty();
            assertThat(outside).as("the file the link points to is left alone").exists();
            assertThat(entries(inbox.resolve(".error"))).filteredOn(p -> p.toString().endsWith("-link.hl7")).singleElement()
                    .satisfies(p -> assertThat(Files.isSymbolicLink(p)).as("the link itself was moved").isTrue());
        }
    }

    @Test
    void a_folder_is_set_aside_with_its_reason() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        Path folder = Files.createDirectories(inbox.resolve("march"));
        Files.writeString(folder.resolve("inside.hl7"), Dft.message().controlId("F1").clm01("INSIDE1").build());
        try (HubHarness hub = hub().start()) {
            drop(inbox, "good.hl7", Dft.message().controlId("G1").clm01("GOOD1").build());

            await().atMost(PROMPTLY).until(() -> files(inbox.resolve(".done")).size() == 1);
            await().atMost(WAIT).until(() -> reasons(inbox).size() == 1);
            assertThat(reasons(inbox)).singleElement().asString()
                    .contains("march: a folder; files in folders are not read");
            assertThat(hub.bean("claimQueries", ClaimQueries.class).findByClm01("sunrise", "INSIDE1")).isEmpty();
            assertThat(names(inbox)).isEmpty();
        }
    }

    @Test
    void a_file_written_in_pieces_with_pauses_becomes_every_claim_it_holds() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        HubHarness harness = hub();
        String shipped = shippedProperty("claimshub.inbox.stable-window");
        if (shipped != null) {
            harness.withProperty("claimshub.inbox.stable-window", shipped);
        }
        try (HubHarness hub = harness.start()) {
            Path file = inbox.resolve("slow.hl7");
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                for (int i = 1; i <= 4; i++) {
                    if (i > 1) {
                        // the writer pauses 3 s between messages (a slow export, a network copy)
                        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                    }
                    out.write(Dft.message().controlId("P" + i).clm01("PIECE" + i).build().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            await().atMost(WAIT).until(() -> files(inbox.resolve(".done")).size() == 1);
            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            for (int i = 1; i <= 4; i++) {
                assertThat(ledger.findByClm01("sunrise", "PIECE" + i)).as("PIECE" + i).hasSize(1);
            }
            assertThat(read(files(inbox.resolve(".done")).get(0))).as("the file was complete when it was moved")
                    .contains("PIECE4");
        }
    }

    @Test
    void a_message_whose_msh4_names_another_clinic_is_refused_with_its_reason() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        try (HubHarness hub = hub().start()) {
            drop(inbox, "mixed.hl7", Dft.message().controlId("S1").clm01("OWN1").build()
                    + Dft.message().sendingFacility("MOONRISE").controlId("X1").clm01("OTHER1").build()
                    + Dft.message().sendingFacility("NOWHERE").controlId("X2").clm01("OTHER2").build());

            await().atMost(WAIT).until(() -> files(inbox.resolve(".done")).size() == 1);
            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            assertThat(ledger.findByClm01("sunrise", "OWN1")).hasSize(1);
            assertThat(ledger.findByClm01("sunrise", "OTHER1")).isEmpty();
            assertThat(ledger.findByClm01("moonrise", "OTHER1")).isEmpty();
            assertThat(ledger.findByClm01("sunrise", "OTHER2")).isEmpty();
            Path outbox = workDir.resolve("data/clinics/sunrise/outbox");
            await().atMost(WAIT).until(() -> texts(outbox).size() == 2);
            assertThat(texts(outbox))
                    .anySatisfy(text -> assertThat(text).contains("mixed.hl7 message #2 (MSH-10 X1)")
                            .contains("sending facility 'MOONRISE' (MSH-4) belongs to clinic 'moonrise'"))
                    .anySatisfy(text -> assertThat(text).contains("mixed.hl7 message #3 (MSH-10 X2)")
                            .contains("unknown sending facility 'NOWHERE'"));
        }
    }

    @Test
    void an_oversized_message_is_refused_and_the_messages_around_it_are_taken() throws Exception {
        Path inbox = Files.createDirectories(inbox());
        try (HubHarness hub = hub().withProperty("claimshub.inbox.max-message-bytes", "100000").start()) {
            String huge = Dft.message().controlId("BIG1").clm01("BIG1").build() + "NTE|1||" + "x".repeat(3_000_000) + "\r";
            drop(inbox, "big.hl7", Dft.message().controlId("S1").clm01("BEFORE1").build() + huge
                    + Dft.message().controlId("S3").clm01("AFTER1").build());

            await().atMost(WAIT).until(() -> files(inbox.resolve(".done")).size() == 1);
            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            assertThat(ledger.findByClm01("sunrise", "BEFORE1")).hasSize(1);
            assertThat(ledger.findByClm01("sunrise", "AFTER1")).hasSize(1);
            assertThat(ledger.findByClm01("sunrise", "BIG1")).isEmpty();
            Path outbox = workDir.resolve("data/clinics/sunrise/outbox");
            await().atMost(WAIT).until(() -> texts(outbox).size() == 1);
            assertThat(texts(outbox)).singleElement().asString()
                    .contains("big.hl7 message #2 (MSH-10 BIG1)")
                    .contains("the limit is 100000");
        }
    }

    /** The .reason.txt files in the inbox's .error folder. */
    private static List<String> reasons(Path inbox) throws IOException {
        return entries(inbox.resolve(".error")).stream().filter(p -> p.toString().endsWith(".reason.txt"))
                .map(Fixtures::read).toList();
    }

    private static List<String> texts(Path outbox) throws IOException {
        return files(outbox).stream().filter(p -> p.toString().endsWith(".txt")).map(Fixtures::read).toList();
    }

    /** Every entry of a folder, whatever its type, without following links. */
    private static List<Path> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    /** The names left in the inbox itself (hidden work folders aside). */
    private static List<String> names(Path inbox) throws IOException {
        return entries(inbox).stream().map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }

    private static String shippedProperty(String key) throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        return shipped.getProperty(key);
    }
}
