package io.claimshub.storage;

import io.claimshub.clinicreturn.ClinicReply;
import io.claimshub.clinicreturn.FolderReplyChannel;
import io.claimshub.clinicreturn.Notice;
import io.claimshub.clinicreturn.NoticeQueue;
import io.claimshub.config.ClinicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Writers of patient data outside the hub's routes: each file 0600, each folder it creates 0700. */
class PrivateWritersTest {

    @TempDir
    Path dir;

    @Test
    void a_notice_waiting_for_a_clinic_and_a_failed_one_are_owner_only() throws Exception {
        NoticeQueue queue = new NoticeQueue(dir.resolve("notify"));
        Notice notice = new Notice("n1", "sunrise", Notice.Channel.HTTP, "http://127.0.0.1:1/x", "{\"clm01\":\"PCN1\"}",
                0, Instant.EPOCH, null);
        queue.put(notice);
        assertOwnerOnly(dir.resolve("notify"));
        queue.moveToFailed(notice);
        assertOwnerOnly(dir.resolve("notify"));
    }

    @Test
    void reply_files_in_a_clinics_outbox_are_owner_only() throws Exception {
        ClinicConfig clinic = new ClinicConfig("sunrise", "Sunrise", "1234567893", "123456789", "207Q00000X", null, "11",
                null, List.of("SUNRISE"), null, dir.resolve("outbox"), ClinicConfig.ReplyTo.FOLDER, null);
        new FolderReplyChannel().send(clinic, new ClinicReply("acme", "20261207T100000Z-abcd", "r.835",
                "ISA*00*...".getBytes(StandardCharsets.US_ASCII), true, List.of()));
        assertOwnerOnly(dir.resolve("outbox"));
    }

    /** Every folder under (and including) {@code root} 0700, every file 0600. */
    static void assertOwnerOnly(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                        .as(dir(root, path)).isEqualTo(expected);
            }
        }
    }

    private static String dir(Path root, Path path) {
        return root.relativize(path).toString();
    }
}
