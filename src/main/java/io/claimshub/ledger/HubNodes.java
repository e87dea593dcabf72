package io.claimshub.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The hubs sharing one ledger, each with a lease it renews. Work a hub claims (a batch being written, a
 * delivery attempt) carries the hub's node id; another hub takes it over only once that lease has run
 * out, and a hub checks its own lease before it commits or renames, so a hub that was frozen past its
 * lease cannot finish work a second time. The lease lives in the ledger's own database, so the only
 * shared engine is PostgreSQL; the nodes' clocks must agree (NTP) to well within the lease.
 */
public final class HubNodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubNodes.class);

    private final Jdbc jdbc;
    private final Clock clock;
    private final String nodeId;
    private final Duration lease;
    private ScheduledExecutorService renewer;
    /** What the last renewal found, for metrics that must not query the ledger at each scrape. */
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, 0, 0, 0, 0, 0);
    /** Only the renewer thread reads and writes it. */
    private boolean renewalFailing;

    /** This node's lease end as last renewed, and the work it held then. */
    public record Snapshot(Instant leaseUntil, int batchesWriting, int deliveriesSending, int inboxFilesReading,
                           int noticesSending, int replyFilesApplying) {
    }

    /**
     * A hub, its lease and what it holds: the answer of {@link #nodes()}.
     *
     * @param readingInboxFiles clinic inbox files it reads, as {@code <clinic>/<file name>}
     * @param sendingNotices    ids of the clinic notices it sends
     * @param applyingReplies   stored names of the payer reply files it applies
     */
    public record Node(String nodeId, Instant startedAt, Instant renewedAt, Instant leaseUntil, boolean alive,
                       List<String> writingBatches, List<String> sendingBatches, List<String> readingInboxFiles,
                       List<String> sendingNotices, List<String> applyingReplies) {
    }

    public HubNodes(DataSource dataSource, Clock clock, String nodeId, Duration lease) {
        // Shown in logs, metric labels and file names: letters, digits, dot, dash and underscore only.
        if (nodeId == null || !nodeId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("claimshub.node.id must be 1 to 128 letters, digits, '.', '-' or '_'");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("claimshub.node.lease must be at least 1s");
        }
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.nodeId = nodeId;
        this.lease = lease;
    }

    /** Host name and process id: unique per running process, and a restarted hub is a new node. */
    public static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return (host + "-" + ManagementFactory.getRuntimeMXBean().getPid()).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public String nodeId() {
        return nodeId;
    }

    public Duration lease() {
        return lease;
    }

    /**
     * Takes this node's lease and keeps renewing it (every third of the lease). On H2 the ledger file is
     * locked to this process, so every other node recorded there is gone: their leases end now and
     * whatever they held is taken over at once.
     */
    public void join() {
        jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                Jdbc.update(connection, "DELETE FROM hub_node WHERE node_id <> ?", nodeId);
            }
            if (Jdbc.update(connection, "UPDATE hub_node SET started_at = ?, renewed_at = ?, lease_until = ?"
                    + " WHERE node_id = ?", now, now, now.plus(lease), nodeId) == 0) {
                Jdbc.update(connection, "INSERT INTO hub_node (node_id, started_at, renewed_at, lease_until)"
                        + " VALUES (?, ?, ?, ?)", nodeId, now, now, now.plus(lease));
            }
            return null;
        });
        snapshot = new Snapshot(clock.instant().plus(lease), 0, 0, 0, 0, 0);
        LOG.info("hub node {} joined, lease {} s", nodeId, lease.toSeconds());
        renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-node-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Extends this node's lease from now. */
    public void renew() {
        snapshot = jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            Jdbc.update(connection, "UPDATE hub_node SET renewed_at = ?, lease_until = ? WHERE node_id = ?",
                    now, now.plus(lease), nodeId);
            Node own = withWork(connection, new Node(nodeId, now, now, now.plus(lease), true, List.of(), List.of(),
                    List.of(), List.of(), List.of()));
            return new Snapshot(now.plus(lease), own.writingBatches().size(), own.sendingBatches().size(),
                    own.readingInboxFiles().size(), own.sendingNotices().size(), own.applyingReplies().size());
        });
    }

    /** This node's lease and work as of the last renewal (every third of the lease). */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Whether this node's lease ran at the last renewal and has not run out since. */
    public boolean leaseRunning() {
        return snapshot.leaseUntil().isAfter(clock.instant());
    }

    private void renewQuietly() {
        try {
            renew();
            if (renewalFailing) {
                renewalFailing = false;
                LOG.info("hub node {} lease renewed again", nodeId);
            }
        } catch (RuntimeException e) {
            // The ledger is unreachable: the lease runs out, and with it this node's right to finish work.
            // Said once per outage; the ledger outage itself is logged by the routes (throttled).
            if (!renewalFailing) {
                renewalFailing = true;
                LOG.warn("hub node lease not renewed error={}; tried again every {} ms", e.getClass().getSimpleName(),
                        Math.max(100, lease.toMillis() / 3));
            }
        }
    }

    /** Whether this node's lease is still running: checked before each commit or rename of claimed work. */
    public boolean holdsLease() {
        return jdbc.query("SELECT lease_until FROM hub_node WHERE node_id = ?",
                row -> Jdbc.instant(row.getTimestamp(1)), nodeId).stream()
                .anyMatch(until -> until.isAfter(clock.instant()));
    }

    /** Every node known to the ledger, alive or not, with the work it holds. */
    public List<Node> nodes() {
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            return Jdbc.query(connection, "SELECT node_id, started_at, renewed_at, lease_until FROM hub_node ORDER BY node_id",
                    row -> new Node(row.getString(1), Jdbc.instant(row.getTimestamp(2)), Jdbc.instant(row.getTimestamp(3)),
                            Jdbc.instant(row.getTimestamp(4)), Jdbc.instant(row.getTimestamp(4)).isAfter(now),
                            List.of(), List.of(), List.of(), List.of(), List.of())).stream()
                    .map(node -> withWork(connection, node))
                    .toList();
        });
    }

    private static Node withWork(java.sql.Connection connection, Node node) {
        try {
            List<String> writing = Jdbc.query(connection, "SELECT file_name FROM batch WHERE status = 'writing'"
                    + " AND owner_node = ? ORDER BY id", row -> row.getString(1), node.nodeId());
            List<String> sending = Jdbc.query(connection, "SELECT b.file_name FROM delivery_attempt a JOIN batch b"
                    + " ON b.id = a.batch_id WHERE a.outcome IS NULL AND a.owner_node = ? ORDER BY a.id",
                    row -> row.getString(1), node.nodeId());
            List<String> inboxFiles = Jdbc.query(connection, "SELECT work_key FROM work_claim WHERE kind = ?"
                    + " AND status = 'claimed' AND owner_node = ? ORDER BY work_key", row -> inboxFile(row.getString(1)),
                    WorkClaims.INBOX_FILE, node.nodeId());
            List<String> notices = Jdbc.query(connection, "SELECT work_key FROM work_claim WHERE kind = ?"
                    + " AND status = 'claimed' AND owner_node = ? ORDER BY work_key", row -> row.getString(1),
                    WorkClaims.NOTICE, node.nodeId());
            List<String> replies = Jdbc.query(connection, "SELECT stored_name FROM reply_file WHERE status = 'received'"
                    + " AND owner_node = ? ORDER BY id", row -> row.getString(1), node.nodeId());
            return new Node(node.nodeId(), node.startedAt(), node.renewedAt(), node.leaseUntil(), node.alive(),
                    writing, sending, inboxFiles, notices, replies);
        } catch (java.sql.SQLException e) {
            throw new LedgerException(e);
        }
    }

    /** {@code <clinic>/<file name>} of an inbox claim key {@code <clinic>/<file name>/<size>/<modified>}. */
    private static String inboxFile(String key) {
        int modified = key.lastIndexOf('/');
        int size = key.lastIndexOf('/', modified - 1);
        return size > 0 ? key.substring(0, size) : key;
    }

    /**
     * Stops renewing and ends the lease now, so the other nodes may take over whatever this node left
     * unfinished without waiting for the lease to run out.
     */
    @Override
    public void close() {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        try {
            jdbc.inTransaction(connection -> Jdbc.update(connection,
                    "UPDATE hub_node SET lease_until = ? WHERE node_id = ?", clock.instant(), nodeId));
        } catch (RuntimeException e) {
            LOG.warn("hub node lease not ended at stop error={}", e.getClass().getSimpleName());
        }
    }

    /**
     * The SQL condition "the node named by {@code column} holds no running lease": work owned so may be
     * taken over. Bind one parameter, the current instant.
     */
    static String ownerLeaseExpired(String column) {
        return "(" + column + " IS NULL OR NOT EXISTS (SELECT 1 FROM hub_node n WHERE n.node_id = " + column
                + " AND n.lease_until > ?))";
    }
}
