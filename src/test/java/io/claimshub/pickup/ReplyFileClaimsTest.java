package io.claimshub.pickup;

import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ReplyFileClaims as Camel's file consumers use it, on the ledger's work claims of two hubs (PostgreSQL). */
class ReplyFileClaimsTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final String KEY = "/data/payers/acme/outbound/reply.999-120-1765100000000";

    @TempDir
    Path dir;

    @Test
    void one_hub_alone_takes_every_file_every_time_as_before() {
        ReplyFileClaims alone = new ReplyFileClaims(WorkClaims.singleHub());

        assertThat(alone.add(KEY)).isTrue();
        assertThat(alone.confirm(KEY)).isTrue();
        assertThat(alone.contains(KEY)).isFalse();
        assertThat(alone.add(KEY)).isTrue();
    }

    @Test
    void a_file_held_by_a_live_hub_is_skipped_given_back_on_failure_and_taken_over_after_its_lease() throws Exception {
        assumeTrue(System.getenv("CLAIMSHUB_TEST_PG_URL") != null, "needs PostgreSQL (CLAIMSHUB_TEST_PG_URL)");
        TestClock clock = new TestClock();
        try (LedgerDatabase db = LedgerDatabases.target("postgresql", dir).open();
             HubNodes nodeA = LedgerDatabases.joinedNode(db, "node-a", clock, LEASE);
             HubNodes nodeB = LedgerDatabases.joinedNode(db, "node-b", clock, LEASE)) {
            ReplyFileClaims hubA = new ReplyFileClaims(new WorkClaims(db.dataSource(), clock, "node-a"));
            ReplyFileClaims hubB = new ReplyFileClaims(new WorkClaims(db.dataSource(), clock, "node-b"));

            assertThat(hubA.add(KEY)).isTrue();
            assertThat(hubB.add(KEY)).isFalse();
            // A's processing failed: the file is given back, B's next poll takes it
            hubA.remove(KEY);
            assertThat(hubB.add(KEY)).isTrue();
            assertThat(hubA.add(KEY)).isFalse();
            // B finished it; until B moved it, A leaves it alone
            hubB.confirm(KEY);
            assertThat(hubA.contains(KEY)).isTrue();
            assertThat(hubA.add(KEY)).isFalse();

            // B dies before the move: after its lease A takes the file again (the reply flow knows its content)
            clock.advance(LEASE.plusSeconds(1));
            nodeA.renew();
            assertThat(hubA.add(KEY)).isTrue();
            assertThat(hubA.contains(KEY)).isFalse();

            // A freezes past its lease and B, back, takes the file over: A's confirm is refused, A moves nothing
            clock.advance(LEASE.plusSeconds(1));
            nodeB.renew();
            assertThat(hubB.add(KEY)).isTrue();
            nodeA.renew();
            assertThatThrownBy(() -> hubA.confirm(KEY)).isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("now held by node-b");
            hubB.confirm(KEY);
        }
    }
}
