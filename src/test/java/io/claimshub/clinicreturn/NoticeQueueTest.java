package io.claimshub.clinicreturn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The notices on disk, as every hub of a cluster reads them while the others send and remove theirs. */
class NoticeQueueTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    /**
     * Another hub sent and removed a notice between this hub's listing of the folder and its reading of
     * the file. Before, the whole tick failed ("cannot read notices in …/pending") for every notice, and
     * under load the hubs kept tripping over each other's removals: notices waited for minutes.
     */
    @Test
    void a_notice_another_hub_removed_after_the_folder_was_listed_is_passed_over_not_a_failure_of_them_all()
            throws Exception {
        NoticeQueue queue = new NoticeQueue(dir);
        queue.put(notice("0000000000001-a"));
        queue.put(notice("0000000000003-c"));
        // listed, but gone by the time it is read: a link to a file that is no longer there
        Files.createSymbolicLink(dir.resolve("pending/0000000000002-b.json"), dir.resolve("pending/sent-meanwhile.json"));

        assertThat(queue.due(NOW)).extracting(Notice::id).containsExactly("0000000000001-a", "0000000000003-c");
        assertThat(queue.pending()).hasSize(2);
    }

    private static Notice notice(String id) {
        return new Notice(id, "sunrise", Notice.Channel.HTTP, "http://127.0.0.1:9/notices", "{}", 0, NOW, null);
    }
}
