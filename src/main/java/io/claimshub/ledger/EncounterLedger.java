package io.claimshub.ledger;

import io.claimshub.claim.Reason;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Charge capture's part of the ledger (V13, docs/charge-capture.md): encounters that collect one clinic's
 * charges per encounter key until they are released into claims, and every charge and credit with the
 * message it came in. Each method is one transaction; they are serialised, so a resend arriving while the
 * release timer runs can neither double a charge nor slip past a release.
 */
public final class EncounterLedger {

    /** Encounter states. */
    public static final String HELD = "HELD";
    public static final String BILLED = "BILLED";
    public static final String REJECTED = "REJECTED";
    public static final String REVERSED = "REVERSED";
    public static final String WAITING_PAYER_ID = "WAITING_PAYER_ID";
    public static final String PARKED = "PARKED";
    /** An encounter's detail while an operator's release waits for the next round. */
    public static final String OPERATOR_RELEASE = "released by an operator";

    /** Charge and credit states. */
    public static final String CHARGE_HELD = "HELD";
    public static final String CHARGE_BILLED = "BILLED";
    public static final String CHARGE_REVERSED = "REVERSED";
    public static final String CREDIT_APPLIED = "APPLIED";
    public static final String CREDIT_UNMATCHED = "UNMATCHED";
    public static final String CREDIT_REFUSED = "REFUSED";

    private final Jdbc jdbc;
    private final Clock clock;

    public EncounterLedger(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /**
     * A charge (FT1 CG) to add.
     *
     * @param lineJson the service line as the claim builder wants it back
     */
    public record NewCharge(String ft1, String transactionId, String procedureCode, String modifiers,
                            LocalDate serviceDate, BigDecimal amount, BigDecimal units, String lineJson) {
    }

    /**
     * A credit (FT1 CD/CR, or CG with a negative quantity or amount); {@code amount} is positive.
     *
     * @param units its quantity, positive; null when the FT1 gave none (it takes back an amount only)
     */
    public record NewCredit(String ft1, String transactionId, String referenceId, String procedureCode,
                            String modifiers, LocalDate serviceDate, BigDecimal amount, BigDecimal units) {
    }

    /**
     * One message's charges and credits for one encounter.
     *
     * @param header      given the encounter's header JSON (null for a new encounter), returns the new one
     * @param contentHash the message's hash, to tell a resend from another message reusing its MSH-10
     */
    public record Capture(String clinicId, String encounterKey, String controlId, String sourceName,
                          String contentHash, UnaryOperator<String> header, List<NewCharge> charges,
                          List<NewCredit> credits, Instant releaseAt) {
    }

    /**
     * @param kind    CAPTURED: the message's charges and credits are committed to the encounter; DUPLICATE:
     *                everything in it was applied before (same MSH-10 or same FT1-2s); REFUSED: a credit could
     *                not be applied, nothing of the message was (the credit is kept and listed); CONTROL_ID_REUSED
     * @param reasons why it was refused
     */
    public record CaptureOutcome(Kind kind, long encounterId, int chargesAdded, int creditsApplied,
                                 List<Reason> reasons) {
        public enum Kind { CAPTURED, DUPLICATE, REFUSED, CONTROL_ID_REUSED }
    }

    public record Encounter(long id, String clinicId, String encounterKey, String state, Instant releaseAt,
                            String header, Long claimId, List<Long> claimIds, int claimCount, String detail,
                            Instant createdAt, Instant updatedAt) {
    }

    /**
     * A charge or credit as stored.
     *
     * @param credited      how much of a charge credits took back so far
     * @param units         a charge's units, a credit's quantity; null when not known (a credit of an amount
     *                      only, or a row received before V15)
     * @param creditedUnits how many of a charge's units credits took back so far
     */
    public record ChargeRow(long id, Long encounterId, String clinicId, String encounterKey, String kind,
                            String sourceControlId, String ft1, String transactionId, String referenceId,
                            String procedureCode, String modifiers, LocalDate serviceDate, BigDecimal amount,
                            BigDecimal credited, BigDecimal units, BigDecimal creditedUnits, String lineJson,
                            String state, Long reversedBy, Long reverses, Long billedOnClaim, String reason,
                            Instant receivedAt) {

        /** What the charge still bills. */
        public BigDecimal open() {
            return amount.subtract(credited);
        }
    }

    public synchronized CaptureOutcome capture(Capture in) {
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            Optional<String> known = knownMessage(connection, in.clinicId(), in.controlId());
            if (known.isPresent()) {
                if (!known.get().equals(in.contentHash())) {
                    return new CaptureOutcome(CaptureOutcome.Kind.CONTROL_ID_REUSED, 0, 0, 0, List.of(new Reason(
                            "MSH-10", "CONTROL_ID_REUSED", "message control id " + in.controlId()
                            + " was already used for a different message; give each message its own MSH-10")));
                }
                return new CaptureOutcome(CaptureOutcome.Kind.DUPLICATE, encounterIdOf(connection, in), 0, 0,
                        storedReasons(connection, in.clinicId(), in.controlId()));
            }
            Optional<Encounter> existing = encounter(connection, in.clinicId(), in.encounterKey());
            List<PlannedCredit> plans = new ArrayList<>();
            List<Reason> reasons = new ArrayList<>();
            for (NewCredit credit : in.credits()) {
                PlannedCredit plan = plan(connection, in, existing, credit, plans);
                plans.add(plan);
                if (plan.reason != null) {
                    reasons.add(plan.reason);
                }
            }
            if (!reasons.isEmpty()) {
                // The sender's mistake: nothing of the message is applied; each bad credit is kept and listed.
                for (PlannedCredit plan : plans) {
                    if (plan.reason != null) {
                        insertCredit(connection, in, existing.map(Encounter::id).orElse(null), plan, now);
                    }
                }
                rememberMessage(connection, in, now);
                return new CaptureOutcome(CaptureOutcome.Kind.REFUSED, existing.map(Encounter::id).orElse(0L), 0, 0,
                        reasons);
            }
            List<NewCharge> fresh = new ArrayList<>();
            for (NewCharge charge : in.charges()) {
                boolean seen = charge.transactionId() != null && !Jdbc.query(connection, "SELECT id FROM charge"
                                + " WHERE clinic_id = ? AND kind = 'CHARGE' AND transaction_id = ?", row -> row.getLong(1),
                        in.clinicId(), charge.transactionId()).isEmpty();
                boolean inThisMessage = charge.transactionId() != null && fresh.stream()
                        .anyMatch(f -> charge.transactionId().equals(f.transactionId()));
                if (!seen && !inThisMessage) {
                    fresh.add(charge);
                }
            }
            if (fresh.isEmpty() && plans.isEmpty()) {
                rememberMessage(connection, in, now);
                // Charges the encounter has, in a new message: a correction when its claim failed the edits (the
                // header is taken again and the encounter held again), a re-post otherwise.
                if (existing.isPresent() && existing.get().state().equals(REJECTED)) {
                    return new CaptureOutcome(CaptureOutcome.Kind.CAPTURED, touch(connection, existing.get(), in, now),
                            0, 0, List.of());
                }
                return new CaptureOutcome(CaptureOutcome.Kind.DUPLICATE, existing.map(Encounter::id).orElse(0L), 0, 0,
                        List.of());
            }
            long encounterId = existing.isPresent() ? touch(connection, existing.get(), in, now)
                    : Jdbc.insert(connection, "INSERT INTO encounter (clinic_id, encounter_key, state, release_at, header,"
                            + " claim_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)", in.clinicId(),
                    in.encounterKey(), HELD, in.releaseAt(), in.header().apply(null), now, now);
            int applied = plans.size();
            for (NewCharge charge : fresh) {
                long chargeId = Jdbc.insert(connection, "INSERT INTO charge (encounter_id, clinic_id, encounter_key, kind,"
                                + " source_control_id, source_name, ft1, transaction_id, procedure_code, modifiers,"
                                + " service_date, amount, credited, units, line, state, received_at)"
                                + " VALUES (?, ?, ?, 'CHARGE', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                        encounterId, in.clinicId(), in.encounterKey(), clip(in.controlId(), 64),
                        clip(in.sourceName(), 255), charge.ft1(), clip(charge.transactionId(), 64),
                        clip(charge.procedureCode(), 64), clip(charge.modifiers(), 64), charge.serviceDate(),
                        charge.amount(), charge.units(), charge.lineJson(), CHARGE_HELD, now);
                applied += applyEarlierCredits(connection, encounterId, chargeId, charge);
            }
            for (PlannedCredit plan : plans) {
                long creditId = insertCredit(connection, in, encounterId, plan, now);
                takeBack(connection, plan.target.id, plan.credit.amount(), plan.unitsTaken, creditId);
                if (!Objects.equals(plan.target.encounterId, encounterId)) {
                    // A credit for a charge of another encounter of this clinic (referenced by FT1-31) changes that one.
                    Jdbc.update(connection, "UPDATE encounter SET state = ?, release_at = ?, updated_at = ? WHERE id = ?",
                            HELD, in.releaseAt(), now, plan.target.encounterId);
                }
            }
            rememberMessage(connection, in, now);
            return new CaptureOutcome(CaptureOutcome.Kind.CAPTURED, encounterId, fresh.size(), applied, List.of());
        });
    }

    /** The charge a credit reverses, or the reason it reverses none. */
    private PlannedCredit plan(Connection connection, Capture in, Optional<Encounter> encounter, NewCredit credit,
                               List<PlannedCredit> earlier) throws SQLException {
        String reference = credit.referenceId() != null ? credit.referenceId() : credit.transactionId();
        List<Target> candidates = List.of();
        if (reference != null) {
            candidates = Jdbc.query(connection, TARGET_SELECT + " WHERE kind = 'CHARGE' AND transaction_id = ? ORDER BY id",
                    EncounterLedger::target, reference);
            List<Target> own = candidates.stream().filter(t -> t.clinicId.equals(in.clinicId())).toList();
            if (own.isEmpty() && !candidates.isEmpty() && credit.referenceId() != null) {
                return new PlannedCredit(credit, null, BigDecimal.ZERO, new Reason(credit.ft1(), "ENCOUNTER_OF_ANOTHER_CLINIC",
                        "FT1-31 " + reference + " names a charge this clinic never sent (it belongs to another"
                                + " clinic); the credit was not applied"));
            }
            candidates = own;
        }
        if (candidates.isEmpty() && encounter.isPresent()) {
            candidates = Jdbc.query(connection, TARGET_SELECT + " WHERE encounter_id = ? AND kind = 'CHARGE'"
                            + " AND state <> ? AND procedure_code = ? AND COALESCE(modifiers, '') = ? AND service_date = ?"
                            + " ORDER BY id", EncounterLedger::target, encounter.get().id(), CHARGE_REVERSED,
                    credit.procedureCode(), credit.modifiers() == null ? "" : credit.modifiers(), credit.serviceDate());
            // two equal credits in one message reverse two equal charges, not one twice
            candidates = candidates.stream()
                    .filter(t -> earlier.stream().noneMatch(p -> p.target != null && p.target.id == t.id)).toList();
            // the same amount still open; else, for a credit of some of a charge's units, the same price per unit
            List<Target> sameAmount = candidates.stream()
                    .filter(t -> credit.amount() != null && t.open().compareTo(credit.amount()) == 0).toList();
            candidates = !sameAmount.isEmpty() ? sameAmount
                    : candidates.stream().filter(t -> t.samePricePerUnit(credit)).toList();
        }
        String described = describe(credit);
        if (candidates.isEmpty()) {
            return new PlannedCredit(credit, null, BigDecimal.ZERO, new Reason(credit.ft1(), "CREDIT_UNMATCHED", "credit "
                    + described + " matches no charge received for this encounter; it was kept, not applied to any line"));
        }
        Target target = candidates.get(0);
        List<PlannedCredit> sameTarget = earlier.stream().filter(p -> p.target != null && p.target.id == target.id)
                .toList();
        BigDecimal open = target.open().subtract(sameTarget.stream().map(p -> p.credit.amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal openUnits = target.units == null ? null : target.units.subtract(target.creditedUnits)
                .subtract(sameTarget.stream().map(p -> p.unitsTaken).reduce(BigDecimal.ZERO, BigDecimal::add));
        Reason refusal = refusal(credit, described, target.state, open, openUnits);
        return refusal != null ? new PlannedCredit(credit, null, BigDecimal.ZERO, refusal)
                : new PlannedCredit(credit, target, unitsTaken(credit, openUnits), null);
    }

    /** Why a credit cannot be applied to a charge with {@code open} amount and {@code openUnits} left, or null. */
    private static Reason refusal(NewCredit credit, String described, String chargeState, BigDecimal open,
                                  BigDecimal openUnits) {
        if (CHARGE_REVERSED.equals(chargeState) || open.signum() <= 0) {
            return new Reason(credit.ft1(), "CHARGE_ALREADY_REVERSED", "credit " + described
                    + " is for a charge that was already reversed; it was not applied again");
        }
        if (credit.amount() == null || credit.amount().compareTo(open) > 0) {
            return new Reason(credit.ft1(), "CREDIT_LARGER_THAN_CHARGE", "credit " + described + " is larger than the "
                    + open.toPlainString() + " still charged on that line; it was not applied");
        }
        if (credit.units() != null && openUnits != null && credit.units().compareTo(openUnits) > 0) {
            return new Reason(credit.ft1(), "CREDIT_LARGER_THAN_CHARGE", "credit " + described + " takes back "
                    + credit.units().stripTrailingZeros().toPlainString() + " units, more than the "
                    + openUnits.stripTrailingZeros().toPlainString() + " still charged on that line; it was not applied");
        }
        return null;
    }

    /**
     * The units a credit takes off its charge: its quantity when that is fewer than the units still charged (one
     * of three venipunctures); none when it names no quantity or all of them while taking back only part of the
     * amount (a price correction, the units were right).
     */
    private static BigDecimal unitsTaken(NewCredit credit, BigDecimal openUnits) {
        return credit.units() != null && openUnits != null && credit.units().compareTo(openUnits) < 0
                ? credit.units() : BigDecimal.ZERO;
    }

    /** A credit takes {@code amount} and {@code units} off a charge; the charge is reversed once nothing is left. */
    private static void takeBack(Connection connection, long chargeId, BigDecimal amount, BigDecimal units,
                                 long creditId) throws SQLException {
        Jdbc.update(connection, "UPDATE charge SET credited = credited + ?, credited_units = credited_units + ?"
                + " WHERE id = ?", amount, units, chargeId);
        Jdbc.update(connection, "UPDATE charge SET state = ?, reversed_by = ? WHERE id = ? AND credited >= amount",
                CHARGE_REVERSED, creditId, chargeId);
    }

    /**
     * EHRs do not always send in order: a credit can come before the charge it names (FT1-31, or its own FT1-2
     * as for any credit). It was kept as UNMATCHED; when that charge arrives, the credit is applied to it as it
     * would have been had it come second. A kept credit larger than the charge stays unmatched and listed.
     *
     * @return how many credits were applied
     */
    private static int applyEarlierCredits(Connection connection, long encounterId, long chargeId, NewCharge charge)
            throws SQLException {
        if (charge.transactionId() == null) {
            return 0;
        }
        List<ChargeRow> kept = Jdbc.query(connection, CHARGE_SELECT + " WHERE clinic_id = (SELECT clinic_id FROM charge"
                        + " WHERE id = ?) AND kind = 'CREDIT' AND state = ? AND (reference_id = ?"
                        + " OR (reference_id IS NULL AND transaction_id = ?)) ORDER BY id", EncounterLedger::chargeRow,
                chargeId, CREDIT_UNMATCHED, clip(charge.transactionId(), 64), clip(charge.transactionId(), 64));
        BigDecimal open = charge.amount();
        BigDecimal openUnits = charge.units();
        int applied = 0;
        for (ChargeRow credit : kept) {
            NewCredit asCredit = new NewCredit(credit.ft1(), credit.transactionId(), credit.referenceId(),
                    credit.procedureCode(), credit.modifiers(), credit.serviceDate(), credit.amount(), credit.units());
            if (open.signum() <= 0 || refusal(asCredit, "", CHARGE_HELD, open, openUnits) != null) {
                continue;
            }
            BigDecimal units = unitsTaken(asCredit, openUnits);
            Jdbc.update(connection, "UPDATE charge SET state = ?, reverses = ?, encounter_id = ? WHERE id = ?",
                    CREDIT_APPLIED, chargeId, encounterId, credit.id());
            takeBack(connection, chargeId, credit.amount(), units, credit.id());
            open = open.subtract(credit.amount());
            openUnits = openUnits == null ? null : openUnits.subtract(units);
            applied++;
        }
        return applied;
    }

    private static String describe(NewCredit credit) {
        StringBuilder text = new StringBuilder();
        text.append(credit.procedureCode() == null ? "(no procedure)" : credit.procedureCode());
        if (credit.modifiers() != null && !credit.modifiers().isEmpty()) {
            text.append('-').append(credit.modifiers());
        }
        text.append(" of ").append(credit.amount() == null ? "(no amount)" : credit.amount().toPlainString());
        if (credit.serviceDate() != null) {
            text.append(" on ").append(credit.serviceDate());
        }
        if (credit.referenceId() != null) {
            text.append(" (FT1-31 ").append(credit.referenceId()).append(')');
        } else if (credit.transactionId() != null) {
            text.append(" (FT1-2 ").append(credit.transactionId()).append(')');
        }
        return text.toString();
    }

    private long insertCredit(Connection connection, Capture in, Long encounterId, PlannedCredit plan, Instant now)
            throws SQLException {
        NewCredit credit = plan.credit;
        String state = plan.reason == null ? CREDIT_APPLIED
                : plan.reason.code().equals("CREDIT_UNMATCHED") ? CREDIT_UNMATCHED : CREDIT_REFUSED;
        return Jdbc.insert(connection, "INSERT INTO charge (encounter_id, clinic_id, encounter_key, kind,"
                        + " source_control_id, source_name, ft1, transaction_id, reference_id, procedure_code, modifiers,"
                        + " service_date, amount, credited, units, state, reverses, reason, received_at)"
                        + " VALUES (?, ?, ?, 'CREDIT', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                encounterId, in.clinicId(), in.encounterKey(), clip(in.controlId(), 64), clip(in.sourceName(), 255),
                credit.ft1(), clip(credit.transactionId(), 64), clip(credit.referenceId(), 64),
                clip(credit.procedureCode(), 64), clip(credit.modifiers(), 64), credit.serviceDate(), credit.amount(),
                credit.units(), state, plan.target == null ? null : plan.target.id,
                plan.reason == null ? null : clip(plan.reason.text() + " [" + plan.reason.code() + "]", 1000), now);
    }

    /** New activity: the encounter is held again from now, whatever it was, and its header is the latest. */
    private static long touch(Connection connection, Encounter encounter, Capture in, Instant now) throws SQLException {
        Jdbc.update(connection, "UPDATE encounter SET state = ?, release_at = ?, header = ?, updated_at = ? WHERE id = ?",
                HELD, in.releaseAt(), in.header().apply(encounter.header()), now, encounter.id());
        return encounter.id();
    }

    private static Optional<String> knownMessage(Connection connection, String clinicId, String controlId)
            throws SQLException {
        if (controlId == null || controlId.isBlank()) {
            return Optional.empty();
        }
        return Jdbc.query(connection, "SELECT content_hash FROM intake_message WHERE clinic_id = ? AND control_id = ?",
                row -> row.getString(1), clinicId, clip(controlId, 64)).stream().findFirst();
    }

    private static void rememberMessage(Connection connection, Capture in, Instant now) throws SQLException {
        if (in.controlId() == null || in.controlId().isBlank()) {
            return;
        }
        Jdbc.update(connection, "INSERT INTO intake_message (clinic_id, control_id, content_hash, received_at)"
                + " VALUES (?, ?, ?, ?)", in.clinicId(), clip(in.controlId(), 64), in.contentHash(), now);
    }

    private static long encounterIdOf(Connection connection, Capture in) throws SQLException {
        return Jdbc.query(connection, "SELECT id FROM encounter WHERE clinic_id = ? AND encounter_key = ?",
                row -> row.getLong(1), in.clinicId(), in.encounterKey()).stream().findFirst().orElse(0L);
    }

    private static List<Reason> storedReasons(Connection connection, String clinicId, String controlId)
            throws SQLException {
        return Jdbc.query(connection, "SELECT reason FROM charge WHERE clinic_id = ? AND source_control_id = ?"
                        + " AND reason IS NOT NULL ORDER BY id", row -> StoredReasons.parse(row.getString(1)),
                clinicId, clip(controlId, 64));
    }

    public Optional<Encounter> encounter(String clinicId, String encounterKey) {
        return jdbc.inTransaction(connection -> encounter(connection, clinicId, encounterKey));
    }

    public Optional<Encounter> encounter(long id) {
        return jdbc.query(ENCOUNTER_SELECT + " WHERE id = ?", EncounterLedger::encounterRow, id).stream().findFirst();
    }

    private static Optional<Encounter> encounter(Connection connection, String clinicId, String encounterKey)
            throws SQLException {
        return Jdbc.query(connection, ENCOUNTER_SELECT + " WHERE clinic_id = ? AND encounter_key = ?",
                EncounterLedger::encounterRow, clinicId, encounterKey).stream().findFirst();
    }

    /** Held encounters whose quiet time is over, oldest first, and every encounter waiting for a payer claim number. */
    public List<Encounter> due(int limit) {
        return jdbc.query(ENCOUNTER_SELECT + " WHERE (state = ? AND release_at <= ?) OR state = ? ORDER BY release_at, id",
                EncounterLedger::encounterRow, HELD, clock.instant(), WAITING_PAYER_ID).stream().limit(limit).toList();
    }

    /** Every charge and credit of an encounter, in arrival order. */
    public List<ChargeRow> charges(long encounterId) {
        return jdbc.query(CHARGE_SELECT + " WHERE encounter_id = ? ORDER BY id", EncounterLedger::chargeRow, encounterId);
    }

    /** Credits that were kept without being applied (no matching charge, or refused), newest first. */
    public List<ChargeRow> unappliedCredits(String clinicId, int limit) {
        return jdbc.query(CHARGE_SELECT + " WHERE clinic_id = ? AND kind = 'CREDIT' AND state IN (?, ?) ORDER BY id DESC",
                EncounterLedger::chargeRow, clinicId, CREDIT_UNMATCHED, CREDIT_REFUSED).stream().limit(limit).toList();
    }

    public int countHeld() {
        return jdbc.query("SELECT COUNT(*) FROM encounter WHERE state IN (?, ?, ?)", row -> row.getInt(1),
                HELD, WAITING_PAYER_ID, PARKED).get(0);
    }

    /** When the longest-held encounter (held, waiting for a payer claim number or parked) last changed. */
    public Optional<Instant> oldestHeld() {
        return Optional.ofNullable(jdbc.query("SELECT MIN(updated_at) FROM encounter WHERE state IN (?, ?, ?)",
                row -> Jdbc.instant(row.getTimestamp(1)), HELD, WAITING_PAYER_ID, PARKED).get(0));
    }

    /**
     * The encounter became a claim: its charges still open are billed on it. Only when the encounter has not
     * changed since {@code seen} (a charge arriving during the release keeps it held for the next round).
     *
     * @param billedCharges the charges the claim holds
     * @return false when the encounter changed meanwhile; nothing was updated then
     */
    public synchronized boolean markReleased(long encounterId, Instant seen, String state, Long claimId,
                                             List<Long> billedCharges, String detail) {
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            Encounter current = Jdbc.query(connection, ENCOUNTER_SELECT + " WHERE id = ?", EncounterLedger::encounterRow,
                    encounterId).get(0);
            if (!current.updatedAt().equals(seen)) {
                return false;
            }
            boolean newClaim = claimId != null && !claimId.equals(current.claimId());
            String ids = !newClaim ? current.claimIds().isEmpty() ? null : joined(current.claimIds())
                    : current.claimIds().isEmpty() ? String.valueOf(claimId) : joined(current.claimIds()) + "," + claimId;
            Jdbc.update(connection, "UPDATE encounter SET state = ?, release_at = NULL, claim_id = ?, claim_ids = ?,"
                            + " claim_count = ?, detail = ?, updated_at = ? WHERE id = ?", state,
                    claimId == null ? current.claimId() : claimId, ids,
                    current.claimCount() + (newClaim ? 1 : 0), clip(detail, 4000), now, encounterId);
            if (claimId != null && !billedCharges.isEmpty()) {
                List<Object[]> rows = billedCharges.stream().map(id -> new Object[]{CHARGE_BILLED, claimId, id}).toList();
                Jdbc.batch(connection, "UPDATE charge SET state = ?, billed_on_claim = ? WHERE id = ? AND state <> 'REVERSED'",
                        rows);
            }
            return true;
        });
    }

    /**
     * An operator releases an encounter now (audited by the caller): a held one is due at once, a parked or
     * waiting one is released with the {@code replace} rule.
     *
     * @return false when there is no such encounter or it has nothing waiting
     */
    public synchronized boolean releaseNow(String clinicId, String encounterKey) {
        return jdbc.inTransaction(connection -> Jdbc.update(connection, "UPDATE encounter SET state = ?, release_at = ?,"
                        + " detail = ? WHERE clinic_id = ? AND encounter_key = ? AND state IN (?, ?, ?)", HELD,
                clock.instant(), OPERATOR_RELEASE, clinicId, encounterKey, HELD, PARKED, WAITING_PAYER_ID) == 1);
    }

    private static String joined(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static final String ENCOUNTER_SELECT = "SELECT id, clinic_id, encounter_key, state, release_at, header,"
            + " claim_id, claim_ids, claim_count, detail, created_at, updated_at FROM encounter";
    private static final String CHARGE_SELECT = "SELECT id, encounter_id, clinic_id, encounter_key, kind,"
            + " source_control_id, ft1, transaction_id, reference_id, procedure_code, modifiers, service_date, amount,"
            + " credited, units, credited_units, line, state, reversed_by, reverses, billed_on_claim, reason, received_at"
            + " FROM charge";
    private static final String TARGET_SELECT = "SELECT id, encounter_id, amount, credited, state, clinic_id, units,"
            + " credited_units FROM charge";

    private static Encounter encounterRow(ResultSet row) throws SQLException {
        String ids = row.getString(8);
        return new Encounter(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                Jdbc.instant(row.getTimestamp(5)), row.getString(6), nullableLong(row, 7),
                ids == null ? List.of() : List.of(ids.split(",")).stream().map(Long::valueOf).toList(), row.getInt(9),
                row.getString(10), Jdbc.instant(row.getTimestamp(11)), Jdbc.instant(row.getTimestamp(12)));
    }

    private static ChargeRow chargeRow(ResultSet row) throws SQLException {
        java.sql.Date date = row.getDate(12);
        return new ChargeRow(row.getLong(1), nullableLong(row, 2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                row.getString(11), date == null ? null : date.toLocalDate(), row.getBigDecimal(13),
                row.getBigDecimal(14), row.getBigDecimal(15), row.getBigDecimal(16), row.getString(17),
                row.getString(18), nullableLong(row, 19), nullableLong(row, 20), nullableLong(row, 21),
                row.getString(22), Jdbc.instant(row.getTimestamp(23)));
    }

    private static Target target(ResultSet row) throws SQLException {
        return new Target(row.getLong(1), nullableLong(row, 2), row.getBigDecimal(3), row.getBigDecimal(4),
                row.getString(5), row.getString(6), row.getBigDecimal(7), row.getBigDecimal(8));
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private record Target(long id, Long encounterId, BigDecimal amount, BigDecimal credited, String state,
                          String clinicId, BigDecimal units, BigDecimal creditedUnits) {

        BigDecimal open() {
            return amount.subtract(credited);
        }

        /** A credit of fewer units than this charge's, at this charge's price per unit. */
        boolean samePricePerUnit(NewCredit credit) {
            return units != null && units.signum() > 0 && credit.units() != null && credit.units().signum() > 0
                    && credit.amount() != null
                    && amount.multiply(credit.units()).compareTo(credit.amount().multiply(units)) == 0;
        }
    }

    /** @param unitsTaken the units the credit takes off its charge (zero for a price correction) */
    private record PlannedCredit(NewCredit credit, Target target, BigDecimal unitsTaken, Reason reason) {
    }
}
