package io.claimshub.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.hl7.ChargeEntries;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.EncounterLedger.CaptureOutcome;
import io.claimshub.ledger.EncounterLedger.NewCharge;
import io.claimshub.ledger.EncounterLedger.NewCredit;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Adds a DFT's charges and credits to its encounter instead of making it a claim at once
 * (docs/charge-capture.md): the clinic's {@code encounterKey} picks the encounter, its {@code billHold} sets
 * when the encounter is released into a claim ({@link EncounterRelease}). The edits run then, not here; here
 * only what the sender got wrong is refused (a message that cannot be read, a credit that reverses nothing).
 */
public final class ChargeCapture {

    /** Mapping problems that only mean "no charge in this message", which a credit-only message is fine with. */
    private static final Set<String> NO_CHARGES = Set.of("NO_CHARGE_LINES");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final EncounterLedger encounters;
    private final Clock clock;

    public ChargeCapture(EncounterLedger encounters, Clock clock) {
        this.encounters = encounters;
        this.clock = clock;
    }

    /** What {@link #capture} did; {@code encounterKey} null when none could be formed. */
    public record Captured(CaptureOutcome.Kind kind, String encounterKey, List<Reason> reasons) {
    }

    /** @param mapped a readable HL7 message ({@link ClaimPreparation.Mapped#charges()} set) */
    public Captured capture(ClinicConfig clinic, ClaimPreparation.Mapped mapped, SourceRef source) {
        Claim claim = mapped.claim();
        ChargeEntries entries = mapped.charges();
        List<Reason> problems = mapped.problems().stream().filter(r -> !NO_CHARGES.contains(r.code())).toList();
        if (!problems.isEmpty()) {
            return refused(null, problems);
        }
        List<NewCharge> charges = new ArrayList<>();
        List<NewCredit> credits = new ArrayList<>();
        for (ServiceLine line : claim.lines()) {
            ChargeEntries.Entry entry = entries.entry(line.origin()).orElseThrow();
            if (entry.kind() == ChargeEntries.Kind.CHARGE) {
                charges.add(new NewCharge(entry.origin(), entry.transactionId(), line.procedureCode(),
                        String.join(":", line.modifiers()), line.serviceDate(), line.chargeAmount(), line.units(),
                        HeldLine.write(line, claim.diagnoses(), entry.transactionId() != null)));
            }
        }
        for (ChargeEntries.Entry entry : entries.entries()) {
            if (entry.kind() == ChargeEntries.Kind.CREDIT) {
                credits.add(new NewCredit(entry.origin(), entry.transactionId(), entry.referenceId(),
                        entry.procedureCode(), String.join(":", entry.modifiers()), entry.serviceDate(), entry.amount(),
                        entry.units()));
            }
        }
        if (charges.isEmpty() && credits.isEmpty()) {
            boolean payments = entries.entries().stream().anyMatch(e -> e.kind() == ChargeEntries.Kind.PAYMENT);
            return refused(null, List.of(new Reason("FT1", payments ? "ONLY_PAYMENTS" : "NO_CHARGE_LINES", payments
                    ? "the message holds only payments or adjustments (PY/AJ/CO), no charge (CG) or credit (CD):"
                    + " nothing was added to the encounter" : "the message has no charge (CG) or credit (CD)")));
        }
        String key = encounterKey(clinic.chargeCapture().encounterKey(), entries, charges, credits);
        if (key == null) {
            return refused(null, List.of(new Reason("PID", "NO_ENCOUNTER_KEY", "PID-18 account number and PV1-19 visit"
                    + " number (what this clinic's encounterKey '" + clinic.chargeCapture().encounterKey()
                    + "' uses) are empty: the charges cannot be given to an encounter")));
        }
        String json = ClaimJson.write(claim);
        CaptureOutcome outcome = encounters.capture(new EncounterLedger.Capture(clinic.id(), key, source.controlId(),
                source.name(), ClaimJson.contentHash(json + entries), old -> EncounterHeader.merge(old, claim),
                charges, credits, clock.instant().plus(clinic.chargeCapture().billHold())));
        return new Captured(outcome.kind(), key, outcome.reasons());
    }

    private static Captured refused(String key, List<Reason> reasons) {
        return new Captured(CaptureOutcome.Kind.REFUSED, key, reasons);
    }

    /**
     * account: PID-18, else PV1-19 (today's CLM01); visit: PV1-19; account+date: the account, a dash and the
     * service date of the message's first line (ACC500-20261020), for EHRs that keep one account per patient.
     * The key is also the CLM01 of the encounter's claims.
     */
    static String encounterKey(String rule, ChargeEntries entries, List<NewCharge> charges, List<NewCredit> credits) {
        String account = entries.accountNumber() != null ? entries.accountNumber() : entries.visitNumber();
        return switch (rule) {
            case "visit" -> entries.visitNumber();
            case "account+date" -> {
                java.time.LocalDate date = !charges.isEmpty() ? charges.get(0).serviceDate()
                        : credits.get(0).serviceDate();
                yield account == null || date == null ? null : account + "-" + DAY.format(date);
            }
            default -> account;
        };
    }

    /**
     * A charge's service line as held: its diagnosis pointers turned back into codes, because the
     * encounter's diagnosis list is only known when it is released.
     *
     * @param generatedControlNumber true when FT1-2 was empty and the mapper made the line control number up
     */
    record HeldLine(ServiceLine line, List<String> diagnosisCodes, boolean generatedControlNumber) {

        static String write(ServiceLine line, List<Diagnosis> messageDiagnoses, boolean hasTransactionId) {
            List<String> codes = line.diagnosisPointers().stream()
                    .filter(p -> p >= 1 && p <= messageDiagnoses.size())
                    .map(p -> messageDiagnoses.get(p - 1).code()).toList();
            return json(new HeldLine(line, codes, !hasTransactionId));
        }

        static HeldLine read(String json) {
            return fromJson(json, HeldLine.class);
        }
    }

    /**
     * An encounter's header: the latest message's claim (patient, insurances, providers) and every diagnosis
     * received, by priority (its place in its message, which DG1-15 orders) and then by arrival.
     */
    record EncounterHeader(Claim latest, List<RankedDiagnosis> diagnoses) {

        /** Diagnoses beyond this are not billed (HI holds 12). */
        static final int MAX_DIAGNOSES = 12;

        record RankedDiagnosis(String code, int priority, int arrival) {
        }

        static String merge(String oldJson, Claim message) {
            List<RankedDiagnosis> merged = new ArrayList<>(oldJson == null ? List.of() : read(oldJson).diagnoses());
            int arrival = merged.stream().mapToInt(RankedDiagnosis::arrival).max().orElse(0);
            List<Diagnosis> incoming = message.diagnoses();
            for (int i = 0; i < incoming.size(); i++) {
                String code = incoming.get(i).code();
                int priority = i + 1;
                RankedDiagnosis known = merged.stream().filter(d -> d.code().equals(code)).findFirst().orElse(null);
                if (known == null) {
                    merged.add(new RankedDiagnosis(code, priority, ++arrival));
                } else if (priority < known.priority()) {
                    merged.set(merged.indexOf(known), new RankedDiagnosis(code, priority, known.arrival()));
                }
            }
            merged.sort(Comparator.comparingInt(RankedDiagnosis::priority).thenComparingInt(RankedDiagnosis::arrival));
            Claim latest = new Claim(message.patientControlNumber(), null, message.frequencyCode(), null,
                    message.placeOfService(), message.priorAuthorization(), message.onsetDate(), message.patient(),
                    message.coverages(), List.of(), List.of(), message.otherTransactions());
            return json(new EncounterHeader(latest, merged));
        }

        static EncounterHeader read(String json) {
            return fromJson(json, EncounterHeader.class);
        }

        /** The claim's HI list: the first {@value #MAX_DIAGNOSES} codes in order. */
        List<Diagnosis> billed() {
            return diagnoses.stream().limit(MAX_DIAGNOSES)
                    .map(d -> new Diagnosis(d.code(), "encounter diagnosis " + d.arrival())).toList();
        }
    }

    private static String json(Object value) {
        try {
            return ClaimJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T fromJson(String json, Class<T> type) {
        try {
            return ClaimJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
