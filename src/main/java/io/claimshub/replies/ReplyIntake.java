package io.claimshub.replies;

import io.claimshub.hashing.Sha256;
import io.claimshub.storage.PrivateFiles;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.UnreadableFileException;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.ledger.ReplyLedger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.x12.replies.Remittance;
import io.claimshub.x12.replies.RemittanceCopyWriter;
import io.claimshub.x12.replies.ReplyFile;
import io.claimshub.x12.replies.ReplyFileReader;
import io.claimshub.x12.replies.X12ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one way in for payer replies, whatever brought them (a polled folder, an HTTP response body, a
 * POST): the content is stored first under a hub-made name ({@code data/replies/received/<payer>/<utc>-<sha256
 * prefix>.x12}) and recorded in the ledger, then read, matched to claims, applied, and sent back to the
 * clinics. The same content for the same payer is processed once. A file that is not X12 or is broken
 * is kept in {@code data/replies/error/<payer>/} with a reason; replies that match no claim are kept in
 * {@code data/replies/unmatched/<payer>/} and in the ledger, and logged as a warning.
 */
public final class ReplyIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyIntake.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final PartnerConfig partners;
    private final ReplyLedger ledger;
    private final ReplyFileReader reader;
    private final ReplyMatcher matcher;
    private final ReplyCodes codes;
    private final ObjectMapper json = new ObjectMapper();
    private final ClinicReplyChannels channels;
    private final RemittanceCopyWriter copies = new RemittanceCopyWriter();
    private final Path repliesDir;
    private final Clock clock;
    private volatile ReplyEvents events = ReplyEvents.NONE;
    private volatile SecondaryBilling secondaryBilling;

    public ReplyIntake(PartnerConfig partners, ReplyLedger ledger, ReplyFileReader reader, ReplyMatcher matcher,
                       ReplyCodes codes, ClinicReplyChannels channels, Path dataDir, Clock clock) {
        this.codes = codes;
        this.partners = partners;
        this.ledger = ledger;
        this.reader = reader;
        this.matcher = matcher;
        this.channels = channels;
        this.repliesDir = dataDir.resolve("replies");
        this.clock = clock;
    }

    /**
     * Takes one reply from a payer.
     *
     * @param sourceName where it came from (a file name, a URL), for logs and names only
     * @throws UnreadableFileException when it is not X12 or is broken (it is kept in the error area)
     */
    /** Who hears of each reply applied to a claim (metrics). */
    public void listen(ReplyEvents listener) {
        this.events = listener;
    }

    /** Who bills the patient's next payer after an 835 (docs/remittances.md, "Secondary claims"); none by default. */
    public void billNextPayersWith(SecondaryBilling billing) {
        this.secondaryBilling = billing;
    }

    public synchronized ReplyResult accept(String payerId, byte[] body, String sourceName)
            throws IOException, UnreadableFileException {
        if (partners.payer(payerId).isEmpty()) {
            throw new IllegalArgumentException("reply for unknown payer '" + payerId + "' (not in payers.yaml)");
        }
        String hash = Sha256.hex(body);
        var known = ledger.replyFile(payerId, hash);
        if (known.isPresent() && "error".equals(known.get().status())) {
            // Refused before: the same content is refused again with the same reason, not called a duplicate.
            LOG.info("reply refused again payer={} source={} stored={}: it was set aside before", payerId, sourceName,
                    known.get().storedName());
            throw new UnreadableFileException(known.get().sourceName() + " (stored as "
                    + Path.of(known.get().storedName()).getFileName() + "): " + known.get().detail());
        }
        if (known.isPresent() && !"received".equals(known.get().status())) {
            LOG.info("reply already processed payer={} source={} stored={} status={}: nothing changed", payerId,
                    sourceName, known.get().storedName(), known.get().status());
            return new ReplyResult(known.get().storedName(), known.get().kinds(), 0, 0, true);
        }
        String baseName = known.map(k -> baseNameOf(k.storedName()))
                .orElse(STAMP.format(clock.instant()) + "-" + hash.substring(0, 16));
        Path stored = repliesDir.resolve("received").resolve(payerId).resolve(baseName + ".x12");
        if (!Files.exists(stored)) {
            write(stored, body);
        }
        ReplyLedger.Registration registration = ledger.register(payerId, hash, repliesDir.relativize(stored).toString(), sourceName);
        if (registration.heldBy() != null) {
            LOG.info("reply being processed by another hub payer={} source={} stored={} hub={}: nothing changed here",
                    payerId, sourceName, registration.storedName(), registration.heldBy());
            return new ReplyResult(registration.storedName(), null, 0, 0, true);
        }
        try {
            return apply(payerId, body, sourceName, baseName, stored, registration);
        } catch (LeaseLostException lost) {
            // This hub froze or lost the ledger past its lease and another took the file over: that hub
            // applies it; what this one applied before stays once (each part is applied once per file).
            LOG.warn("reply left to another hub payer={} source={} stored={}: {}", payerId, sourceName,
                    stored.getFileName(), lost.getMessage());
            return new ReplyResult(registration.storedName(), null, 0, 0, true);
        }
    }

    private ReplyResult apply(String payerId, byte[] body, String sourceName, String baseName, Path stored,
                              ReplyLedger.Registration registration) throws IOException, UnreadableFileException {
        ReplyFile file;
        try {
            file = reader.read(body);
        } catch (X12ReplyException e) {
            Path error = repliesDir.resolve("error").resolve(payerId).resolve(baseName + ".x12");
            write(error, body);
            String reason = sourceName + " (stored as " + stored.getFileName() + "): " + e.getMessage();
            write(error.resolveSibling(baseName + ".reason.txt"), (reason + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            ledger.finish(registration.fileId(), "error", null, e.getMessage());
            LOG.warn("reply set aside payer={} source={} error={}", payerId, sourceName, error);
            throw new UnreadableFileException(reason, e);
        }
        ReplyMatcher.Result result = matcher.match(payerId, file);
        Map<String, Map<Integer, ClaimReplyStatus.RemittanceShare>> remittances = recordRemittances(payerId,
                registration.fileId(), file, result.shares());
        Map<String, List<ClaimReplyStatus>> byClinic = new LinkedHashMap<>();
        for (ReplyMatcher.Match match : result.matches()) {
            ClaimReplyStatus.RemittanceShare share = match.kept() == null ? null : remittances
                    .getOrDefault(match.claim().clinicId(), Map.of()).get(match.kept().remittance());
            String detail = json.writeValueAsString(new ReplyDetail(match.outcome(), share));
            ReplyLedger.Applied applied = ledger.apply(match.claim().id(), registration.fileId(), stored.getFileName().toString(),
                    match.outcome().toLedger(detail));
            ClaimReplyStatus status = status(payerId, stored, match, applied, share);
            byClinic.computeIfAbsent(match.claim().clinicId(), k -> new ArrayList<>()).add(status);
            events.applied(status);
        }
        SecondaryBilling billing = secondaryBilling;
        if (billing != null) {
            for (ReplyMatcher.Match match : result.matches()) {
                if (match.kept() != null) {
                    Remittance remittance = file.remittances().get(match.kept().remittance());
                    billing.afterPayment(match.claim().id(), match.claim().clinicId(), payerId, remittance,
                            remittance.claims().get(match.kept().index()), match.outcome().forwarded());
                }
            }
        }
        if (!result.unmatched().isEmpty()) {
            keepUnmatched(payerId, baseName, body, result.unmatched(), registration.fileId(), sourceName);
        }
        Set<String> clinics = new LinkedHashSet<>(byClinic.keySet());
        clinics.addAll(result.shares().keySet());
        for (String clinic : clinics) {
            boolean allTheirs = clinics.size() == 1 && result.unmatched().isEmpty()
                    && (file.remittances().isEmpty() || result.shares().get(clinic).isWhole(file));
            sendToClinic(payerId, baseName, sourceName, body, file, clinic, byClinic.getOrDefault(clinic, List.of()),
                    allTheirs, result.shares().get(clinic));
        }
        ledger.finish(registration.fileId(), "processed", file.kinds(),
                result.matches().size() + " claim replies, " + result.unmatched().size() + " unmatched");
        LOG.info("reply processed payer={} source={} stored={} kinds={} claimReplies={} unmatched={}", payerId, sourceName,
                stored.getFileName(), file.kinds(), result.matches().size(), result.unmatched().size());
        return new ReplyResult(registration.storedName(), file.kinds(), result.matches().size(), result.unmatched().size(), false);
    }

    private void sendToClinic(String payerId, String baseName, String sourceName, byte[] body, ReplyFile file,
                              String clinicId, List<ClaimReplyStatus> statuses, boolean allTheirs,
                              RemittanceCopyWriter.Share share) throws IOException {
        ClinicConfig clinic = partners.clinic(clinicId).orElse(null);
        if (clinic == null) {
            LOG.warn("reply for clinic={} that is no longer configured: kept in the ledger only, stored={}", clinicId, baseName);
            return;
        }
        String fileName = kindExtension(safeName(sourceName), file.kinds());
        byte[] content = body;
        boolean original = true;
        if (!allTheirs) {
            // Other clinics' claims (or unknown ones) are in this file: a clinic sees only its own patients.
            original = false;
            if (share != null && !share.isEmpty()) {
                try {
                    content = copies.write(file, share);
                    fileName = fileName + "-" + clinicId + "-part.835";
                } catch (X12ReplyException e) {
                    throw new IOException("cannot copy the 835 " + baseName + " for clinic " + clinicId + ": " + e.getMessage(), e);
                }
            } else if (!file.claimAcks().isEmpty() || !file.remittances().isEmpty()) {
                content = null;
                fileName = null;
            } else {
                original = true; // TA1 and 999 carry control numbers only, no patient data
            }
        }
        channels.forClinic(clinic).send(clinic, new ClinicReply(payerId, baseName, fileName, content, original, statuses));
    }

    /**
     * Each clinic's share of each 835 set, recorded in the ledger with its PLB lines, and PLB lines of no
     * clinic recorded apart; returns the shares by clinic and remittance index.
     */
    private Map<String, Map<Integer, ClaimReplyStatus.RemittanceShare>> recordRemittances(String payerId, long fileId,
            ReplyFile file, Map<String, RemittanceCopyWriter.Share> shares) {
        Map<String, Map<Integer, ClaimReplyStatus.RemittanceShare>> byClinic = new LinkedHashMap<>();
        for (int r = 0; r < file.remittances().size(); r++) {
            Remittance remittance = file.remittances().get(r);
            String paymentDate = remittance.paymentDate() == null ? null : remittance.paymentDate().toString();
            Set<Integer> claimed = new HashSet<>();
            for (Map.Entry<String, RemittanceCopyWriter.Share> entry : shares.entrySet()) {
                RemittanceCopyWriter.Share share = entry.getValue();
                int index = r;
                boolean hasClaims = share.claims().stream().anyMatch(k -> k.remittance() == index);
                List<Remittance.ProviderAdjustment> plbs = remittance.providerAdjustments().stream()
                        .filter(p -> share.providerAdjustments().contains(new RemittanceCopyWriter.Kept(index, p.segment())))
                        .toList();
                if (!hasClaims && plbs.isEmpty()) {
                    continue;
                }
                plbs.forEach(p -> claimed.add(p.segment()));
                BigDecimal amount = share.amount(file, r);
                ledger.recordRemittance(new ReplyLedger.RemittanceShare(fileId, payerId, entry.getKey(),
                        remittance.transactionControlNumber(), remittance.checkNumber(),
                        paymentDate == null ? null : paymentDate.replace("-", ""), amount, rows(plbs)));
                byClinic.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>()).put(r,
                        new ClaimReplyStatus.RemittanceShare(remittance.checkNumber(), paymentDate, amount,
                                plbs.stream().map(p -> new ClaimReplyStatus.ProviderAdjustment(p.providerId(), p.reasonCode(),
                                        codes.words("plb", p.reasonCode()), p.reference(), p.amount())).toList()));
            }
            List<Remittance.ProviderAdjustment> unknown = remittance.providerAdjustments().stream()
                    .filter(p -> !claimed.contains(p.segment())).toList();
            if (!unknown.isEmpty()) {
                ledger.recordUnknownProviderAdjustments(fileId, payerId, remittance.transactionControlNumber(), rows(unknown));
            }
        }
        return byClinic;
    }

    private static List<ReplyLedger.ProviderAdjustmentRow> rows(List<Remittance.ProviderAdjustment> adjustments) {
        return adjustments.stream().map(p -> new ReplyLedger.ProviderAdjustmentRow(p.providerId(), p.fiscalPeriodDate(),
                p.reasonCode(), p.reference(), p.amount())).toList();
    }

    private ClaimReplyStatus status(String payerId, Path stored, ReplyMatcher.Match match, ReplyLedger.Applied applied,
                                    ClaimReplyStatus.RemittanceShare share) {
        ReplyOutcome outcome = match.outcome();
        return new ClaimReplyStatus(match.claim().id(), match.claim().clinicId(), match.claim().clm01(), payerId,
                outcome.kind(), stored.getFileName().toString(), outcome.controlNumbers(),
                outcome.status() == null ? "" : outcome.status().display(), applied.after().display(), applied.applied(),
                blankToNull(outcome.payerClaimNumber()) == null ? match.claim().payerClaimNumber() : outcome.payerClaimNumber(),
                outcome.charge() == null ? match.claim().totalCharge() : outcome.charge(), outcome.paid(),
                outcome.patientResponsibility(), outcome.checkNumber(), outcome.paymentDate(), outcome.reasons(),
                outcome.adjustments(), outcome.lines(), outcome.claimStatusCode(), outcome.allowed(), outcome.remarks(), share);
    }

    private void keepUnmatched(String payerId, String baseName, byte[] body, List<ReplyMatcher.Unmatched> unmatched,
                               long fileId, String sourceName) throws IOException {
        Path copy = repliesDir.resolve("unmatched").resolve(payerId).resolve(baseName + ".x12");
        write(copy, body);
        StringBuilder text = new StringBuilder();
        for (ReplyMatcher.Unmatched item : unmatched) {
            ledger.recordUnmatched(fileId, payerId, item.kind(), item.reference(), item.detail(), repliesDir.relativize(copy).toString());
            text.append(item.kind()).append(' ').append(item.reference()).append(": ").append(item.detail()).append('\n');
            LOG.warn("unmatched reply payer={} source={} stored={} kind={} reference={}", payerId, sourceName,
                    copy.getFileName(), item.kind(), item.reference());
        }
        write(copy.resolveSibling(baseName + ".unmatched.txt"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String baseNameOf(String storedName) {
        String name = Path.of(storedName).getFileName().toString();
        return name.endsWith(".x12") ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * A reply fetched over SFTP lands as {@code <time>-<hash>.x12} (the remote name is not trusted), so
     * the clinic would not see from the name which file is the 835: a generic {@code .x12} becomes the
     * kind ({@code .835}, {@code .277ca}, {@code .999}, {@code .ta1}, {@code .999-277ca}, ...).
     */
    static String kindExtension(String name, String kinds) {
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".x12") || "empty".equals(kinds)) {
            return name;
        }
        return name.substring(0, name.length() - 4) + "." + kinds.toLowerCase(java.util.Locale.ROOT).replace('+', '-');
    }

    private static String safeName(String sourceName) {
        String name = sourceName == null ? "reply" : Path.of(sourceName.replace('\\', '/')).getFileName().toString();
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "reply" + name : name;
    }

    private static void write(Path target, byte[] content) throws IOException {
        PrivateFiles.writeAtomically(target, content);
    }

}
