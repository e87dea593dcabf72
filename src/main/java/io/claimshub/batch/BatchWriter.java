package io.claimshub.batch;

import io.claimshub.storage.PrivateFiles;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.BatchLedger.NextBatch;
import io.claimshub.ledger.BatchLedger.PendingClaim;
import io.claimshub.ledger.BatchLedger.TakenBatch;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.observe.ClaimMetrics;
import io.claimshub.paper.Cms1500Mapper;
import io.claimshub.paper.Cms1500Page;
import io.claimshub.paper.Cms1500PdfWriter;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.Interchange837;
import io.claimshub.x12.TransactionSet837;
import io.claimshub.ledger.LedgerException;
import io.claimshub.observe.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Collects each payer's accepted claims into 837P files: a file goes out when {@code batch.maxClaims}
 * claims wait or the oldest has waited {@code batch.every}, and on shutdown. One file per payer per
 * batch, one transaction set per clinic inside it. A paper payer's batch is one PDF of CMS-1500 forms
 * instead, written into its folder, its claims PRINTED.
 *
 * <p>Nothing is lost or sent twice: the ledger assigns the claims and the control numbers to the batch
 * in one transaction before the file is written; the file appears under its final name only by an
 * atomic rename; a batch left half-done by a crash is written again, from the ledger, with the same
 * control numbers, at the next start.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final PartnerConfig partners;
    private final BatchLedger ledger;
    private final Claim837Writer writer;
    private final BatchDestinations destinations;
    private final Clock clock;
    private final ClaimMetrics metrics;
    private final Cms1500Mapper paperMapper = new Cms1500Mapper();
    private final Cms1500PdfWriter paperWriter = new Cms1500PdfWriter();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Tells this process's temporary batch files from another hub's in a shared folder. */
    private final String processTag = java.util.UUID.randomUUID().toString().substring(0, 8);
    /** Payers with batch files that could not be written, and how many: retried on every tick. */
    private final Map<String, Integer> unwritten = new ConcurrentHashMap<>();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1), Clock.systemUTC());
    private volatile WriteProblems problems = (payerId, batches, error) -> { };
    /** Claims accepted per payer since its last full-batch check: cheaper than counting in the ledger per claim. */
    private final Map<String, AtomicInteger> acceptedSinceFlush = new ConcurrentHashMap<>();
    /**
     * Full batches are written here, not on the thread that accepted the last claim: an EHR waiting for
     * its acknowledgement must not wait for a 5,000-claim file.
     */
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "claims-batch-writer");
        thread.setDaemon(true);
        return thread;
    });

    public BatchWriter(PartnerConfig partners, BatchLedger ledger, Claim837Writer writer,
                       BatchDestinations destinations, Clock clock) {
        this(partners, ledger, writer, destinations, clock, ClaimMetrics.disabled());
    }

    /** @param metrics counts the claims written per payer and clinic (and delivered, for a final folder) */
    public BatchWriter(PartnerConfig partners, BatchLedger ledger, Claim837Writer writer,
                       BatchDestinations destinations, Clock clock, ClaimMetrics metrics) {
        this.metrics = metrics;
        this.partners = partners;
        this.ledger = ledger;
        this.writer = writer;
        this.destinations = destinations;
        this.clock = clock;
    }

    /**
     * Told how many batch files of a payer could not be written (a full disk, a folder that cannot be
     * made), with the last error; 0 once they all are.
     */
    @FunctionalInterface
    public interface WriteProblems {
        void unwritten(String payerId, int batches, String error);
    }

    public void listen(WriteProblems problems) {
        this.problems = problems;
    }

    /**
     * Timer tick: finishes batches another hub left unfinished when its lease ran out, writes again the
     * batch files this hub could not write before, then every payer's batch that is full or old enough.
     * Every hub ticks; the ledger's claims decide who writes what.
     */
    public void flushDue() {
        takeOver(false);
        if (!unwritten.isEmpty()) {
            List<Batch> unfinished = ledger.unfinishedBatches();
            for (Batch batch : unfinished) {
                partners.payer(batch.payerId()).filter(payer -> unwritten.containsKey(payer.id()))
                        .ifPresent(this::retryUnwritten);
            }
            // after a ledger error that left no batch unfinished there is nothing to retry
            unwritten.entrySet().removeIf(entry -> entry.getValue() == 0
                    && unfinished.stream().noneMatch(batch -> batch.payerId().equals(entry.getKey())));
        }
        for (PayerConfig payer : partners.payers()) {
            flushSafely(payer, false);
        }
    }

    private void retryUnwritten(PayerConfig payer) {
        synchronized (locks.computeIfAbsent(payer.id(), id -> new Object())) {
            // read again under the lock: a batch another thread was writing meanwhile is finished now
            List<Batch> stuck = ledger.unfinishedBatches().stream().filter(b -> b.payerId().equals(payer.id())).toList();
            RuntimeException last = null;
            for (Batch batch : stuck) {
                try {
                    finish(payer, batch);
                } catch (LeaseLostException e) {
                    LOG.warn("batch left to another hub payer={} file={}: {}", payer.id(), batch.fileName(), e.getMessage());
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            if (last == null) {
                unwritten.remove(payer.id());
                problems.unwritten(payer.id(), 0, null);
                LOG.info("batch files of payer {} written after all", payer.id());
            } else {
                reportUnwritten(payer, last);
            }
        }
    }

    /**
     * After a claim was accepted: a full batch goes out at once instead of waiting for the timer. A
     * failure here is logged, never passed on: the claim is already safe in the ledger, and its sender
     * must get its acknowledgement.
     */
    public void onClaimAccepted(String payerId) {
        partners.payer(payerId).ifPresent(payer -> {
            int waiting = acceptedSinceFlush.computeIfAbsent(payer.id(), id -> new AtomicInteger()).incrementAndGet();
            // The counter only decides when to look: the ledger's count decides what is written.
            if (waiting >= payer.batch().maxClaims()) {
                acceptedSinceFlush.get(payer.id()).set(0);
                background.execute(() -> flushInBackground(payer));
            }
        });
    }

    private void flushInBackground(PayerConfig payer) {
        try {
            flushSafely(payer, false);
        } catch (LedgerException e) {
            failureLog.admit("ledger").ifPresent(heldBack -> LOG.error("full batch not written payer={}: the ledger is"
                    + " not answering; the claims wait in the ledger and the next tick tries again{}", payer.id(),
                    LogThrottle.heldBackSuffix(heldBack)));
        }
    }

    /** Shutdown: whatever waits goes out now. */
    public void flushAll() {
        background.shutdown();
        try {
            background.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PayerConfig payer : partners.payers()) {
            try {
                flushSafely(payer, true);
            } catch (LedgerException e) {
                // Each further payer would wait for the connection timeout again: a stop during a
                // ledger outage must not take minutes.
                LOG.warn("the ledger is not answering at stop: claims waiting for their batch go out after the next start");
                return;
            }
        }
    }

    /**
     * One payer's failure (a full disk, a bad folder) must not stop the others. A ledger that does not
     * answer is not this payer's problem: it is passed on (the caller's error handling reports it once).
     */
    private void flushSafely(PayerConfig payer, boolean everythingWaiting) {
        try {
            flush(payer, everythingWaiting);
        } catch (LeaseLostException e) {
            LOG.warn("batch left to another hub payer={}: {}", payer.id(), e.getMessage());
        } catch (LedgerException e) {
            // The ledger takes and marks a batch's claims a few hundred per transaction, so a batch may be
            // left half made or half marked: the ticks look for it and finish it.
            unwritten.putIfAbsent(payer.id(), 0);
            throw e;
        } catch (RuntimeException e) {
            synchronized (locks.computeIfAbsent(payer.id(), id -> new Object())) {
                reportUnwritten(payer, e);
            }
        }
    }

    private void reportUnwritten(PayerConfig payer, RuntimeException e) {
        int batches = (int) ledger.unfinishedBatches().stream().filter(b -> b.payerId().equals(payer.id())).count();
        String error = describe(e);
        unwritten.put(payer.id(), batches);
        problems.unwritten(payer.id(), batches, error);
        failureLog.admit(payer.id()).ifPresent(heldBack -> LOG.error("batch not written payer={} unwritten={} error={}:"
                + " the claims wait in the ledger and the file is tried again every tick{}", payer.id(), batches, error,
                LogThrottle.heldBackSuffix(heldBack)));
    }

    /** The error's kinds and messages (paths, never claim data), outermost first. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !(t instanceof LedgerException)) {
                text.append(' ').append(t.getMessage());
            }
        }
        return text.toString();
    }

    /**
     * Start-up: finishes batches that a stop interrupted between the ledger commit and the rename, this
     * hub's own (under a configured node id) and those of hubs whose lease ran out; a batch that a live
     * hub is writing stays that hub's.
     */
    public void recover() {
        takeOver(true);
    }

    private void takeOver(boolean includingOwn) {
        for (TakenBatch taken : ledger.takeOverUnfinishedBatches(includingOwn)) {
            Batch batch = taken.batch();
            Optional<PayerConfig> payer = partners.payer(batch.payerId());
            if (payer.isEmpty()) {
                LOG.error("batch cannot be recovered: payer {} is no longer configured batch={} file={}",
                        batch.payerId(), batch.id(), batch.fileName());
                continue;
            }
            LOG.warn("recovering batch interrupted by a stop payer={} file={} isa13={} previous-node={}",
                    batch.payerId(), batch.fileName(), batch.interchangeControlNumber(), taken.previousOwner());
            try {
                deleteLeftoverTemporaryFiles(destinations.directoryFor(payer.get()), batch);
                finish(payer.get(), batch);
            } catch (LeaseLostException e) {
                LOG.warn("batch left to another hub payer={} file={}: {}", batch.payerId(), batch.fileName(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("batch still cannot be written payer={} file={} error={}", batch.payerId(), batch.fileName(),
                        e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Writes the payer's batches that are due, or at a stop everything waiting. Whether a batch is due is
     * asked again before each one: claims that arrived while the last file was written wait for their own
     * full batch (or their {@code every}) instead of going out as a small file of their own.
     */
    private void flush(PayerConfig payer, boolean everythingWaiting) {
        synchronized (locks.computeIfAbsent(payer.id(), id -> new Object())) {
            Optional<NextBatch> next;
            while ((next = nextBatch(payer, everythingWaiting)).isPresent()) {
                count(payer, finish(payer, next.get().batch(), next.get().sets()));
            }
        }
    }

    /** One call: the ledger decides whether a batch is due, makes it and hands back its claims. */
    private Optional<NextBatch> nextBatch(PayerConfig payer, boolean everythingWaiting) {
        LongFunction<String> fileNamer = icn -> payer.delivery() instanceof PayerConfig.Delivery.Printed
                ? BatchFileNames.pdf(payer.id(), clock.instant(), icn)
                : BatchFileNames.of(payer.id(), clock.instant(), icn);
        int maxClaims = payer.batch().maxClaims();
        return everythingWaiting ? ledger.nextBatch(payer.id(), maxClaims, fileNamer)
                : ledger.nextDueBatch(payer.id(), maxClaims, clock.instant().minus(payer.batch().every()), fileNamer);
    }

    private void count(PayerConfig payer, List<PendingClaim> written) {
        if (written.isEmpty()) {
            return;
        }
        Map<String, Integer> perClinic = new LinkedHashMap<>();
        written.forEach(claim -> perClinic.merge(claim.clinicId(), 1, Integer::sum));
        perClinic.forEach((clinic, n) -> metrics.batched(payer.id(), clinic, n));
        if (destinations.isFinal(payer)) {
            metrics.delivered(payer.id(), written.size());
        }
    }

    /** A batch made earlier whose file may not exist yet: its claims are read from the ledger. */
    private List<PendingClaim> finish(PayerConfig payer, Batch batch) {
        return finish(payer, batch, ledger.claimsInBatch(batch.id()));
    }

    /**
     * @param sets the batch's claims, one list per transaction set
     * @return the claims written (none when the batch lost them all: then nothing is written)
     */
    private List<PendingClaim> finish(PayerConfig payer, Batch batch, List<List<PendingClaim>> sets) {
        if (sets.isEmpty()) {
            // Claims moved out after the batch took them: a payer rejects an interchange without claims,
            // and retrying cannot bring them back.
            ledger.markBatchEmpty(batch.id());
            LOG.error("batch not written payer={} file={} isa13={}: none of its claims is in it any more (moved out"
                    + " after the batch was made); no file without claims is written or delivered, the batch is"
                    + " marked empty and not tried again", payer.id(), batch.fileName(), batch.interchangeControlNumber());
            return List.of();
        }
        Path directory = destinations.directoryFor(payer);
        Path target = directory.resolve(batch.fileName());
        if (payer.delivery() instanceof PayerConfig.Delivery.Printed printed) {
            print(payer, printed.paper(), batch, sets, directory, target);
            return sets.stream().flatMap(List::stream).toList();
        }
        if (!Files.exists(target)) {
            Interchange837 file = new Interchange837(payer, batch.interchangeControlNumber(),
                    LocalDateTime.ofInstant(batch.createdAt(), ZoneId.systemDefault()),
                    String.valueOf(batch.interchangeControlNumber()), transactionSets(batch, sets));
            writeAtomically(payer, batch, directory, target, out -> writer.write(file, out), this::ensureHeld);
        }
        if (destinations.isFinal(payer)) {
            // the file is in the payer's own folder: written and delivered in one commit
            ledger.markBatchDelivered(batch.id(), target.toString());
        } else {
            ledger.markBatchWritten(batch.id());
        }
        LOG.info("batch written payer={} file={} isa13={} sets={}",
                payer.id(), batch.fileName(), batch.interchangeControlNumber(), sets.size());
        return sets.stream().flatMap(List::stream).toList();
    }

    /** A paper payer's batch: one PDF, each claim on its own page(s), dated the day the batch was made. */
    private void print(PayerConfig payer, PayerConfig.Paper paper, Batch batch, List<List<PendingClaim>> sets,
                       Path directory, Path target) {
        LocalDate printedOn = LocalDate.ofInstant(batch.createdAt(), ZoneId.systemDefault());
        List<Cms1500Page> pages = new ArrayList<>();
        int claims = 0;
        for (List<PendingClaim> set : sets) {
            ClinicConfig clinic = clinicOf(batch, set);
            for (PendingClaim claim : set) {
                pages.addAll(paperMapper.pages(ClaimJson.read(claim.payloadJson()), clinic, payer, printedOn));
                claims++;
            }
        }
        if (!Files.exists(target)) {
            writeAtomically(payer, batch, directory, target, out -> paperWriter.write(pages, paper, out),
                    this::ensureHeld);
        }
        ledger.markBatchPrinted(batch.id(), target.toString());
        LOG.info("paper batch printed payer={} file={} claims={} pages={} mode={}", payer.id(), batch.fileName(), claims,
                pages.size(), paper.mode().name().toLowerCase(Locale.ROOT));
    }

    /** What goes into a batch file. */
    private interface FileBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Fencing: right before the rename, the batch must still be this hub's and its lease running. A hub
     * frozen past its lease finds the batch taken over and leaves the file to the hub that took it.
     */
    private void ensureHeld(Batch batch) {
        ledger.ensureHoldsBatch(batch.id());
    }

    /**
     * Writes under a temporary name, forces it to disk and renames it: the file appears whole or not at
     * all. Batch files hold PHI, so they are created readable by the hub's user only. The temporary name
     * is this process's own, so two hubs on one shared folder never write into the same temporary file.
     */
    private void writeAtomically(PayerConfig payer, Batch batch, Path directory, Path target, FileBody body,
                                 java.util.function.Consumer<Batch> beforeRename) {
        Path temp = directory.resolve("." + batch.fileName() + "." + processTag + ".tmp");
        try {
            PrivateFiles.createDirectories(directory);
            // a temporary file left by a crash may have another mode: start it afresh
            Files.deleteIfExists(temp);
            try (FileChannel channel = PrivateFiles.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                beforeRename.accept(batch);
            } catch (RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + batch.fileName() + " for payer " + payer.id(), e);
        }
    }

    /** The temporary files of the hub that stopped or lost this batch: they would never be renamed. */
    private static void deleteLeftoverTemporaryFiles(Path directory, Batch batch) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        String prefix = "." + batch.fileName() + ".";
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear temporary files of batch " + batch.fileName(), e);
        }
    }

    private ClinicConfig clinicOf(Batch batch, List<PendingClaim> set) {
        return partners.clinic(set.get(0).clinicId())
                .orElseThrow(() -> new IllegalStateException("clinic " + set.get(0).clinicId()
                        + " of batch " + batch.fileName() + " is no longer configured"));
    }

    private List<TransactionSet837> transactionSets(Batch batch, List<List<PendingClaim>> sets) {
        List<TransactionSet837> result = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            List<PendingClaim> claims = sets.get(i);
            List<Claim> parsed = claims.stream().map(c -> ClaimJson.read(c.payloadJson())).toList();
            result.add(new TransactionSet837(batch.st02s().get(i), clinicOf(batch, claims), parsed));
        }
        return result;
    }

}
