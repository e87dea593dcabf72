package io.claimshub.simulator;

import io.claimshub.simulator.Received837.Claim;
import io.claimshub.simulator.Received837.Group;
import io.claimshub.simulator.Received837.Party;
import io.claimshub.simulator.Received837.TransactionSet;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The 277CA claim acknowledgment (005010X214): one ST per accepted 837 transaction set, with the
 * submitter (2000B), the billing provider (2000C) and one patient/claim (2000D/2200D) per claim:
 * TRN*2*CLM01, STC A2:20 accepted or the rule's rejection, REF*1K payer claim number when accepted.
 */
public final class Ack277CAWriter {

    static final String VERSION = "005010X214";

    private final SimulatorRules rules;
    private final String payerName;
    private final String payerId;

    public Ack277CAWriter(SimulatorRules rules, String payerName, String payerId) {
        this.rules = rules;
        this.payerName = payerName;
        this.payerId = payerId;
    }

    /** @return the file, or null when no transaction set was accepted (nothing to acknowledge) */
    public byte[] write(Received837 received, long controlNumber, LocalDateTime created) {
        List<TransactionSet> accepted = received.groups().stream()
                .filter(group -> group.errorCodes().isEmpty())
                .map(Group::sets).flatMap(List::stream).filter(TransactionSet::accepted).toList();
        if (accepted.isEmpty()) {
            return null;
        }
        X12Out out = new X12Out(received.envelope(), controlNumber, created);
        out.startGroup("HN", VERSION);
        for (TransactionSet set : accepted) {
            writeSet(out, set);
        }
        out.endGroup();
        return out.finish(1);
    }

    private void writeSet(X12Out out, TransactionSet set) {
        String date = out.date();
        out.startSet("277", VERSION);
        out.segment("BHT", "0085", "08", "SIM" + out.controlNumber() + "-" + set.controlNumber(), date, out.time(), "TH");
        out.segment("HL", "1", "", "20", "1");
        out.segment("NM1", "PR", "2", payerName, "", "", "", "", "PI", payerId);
        out.segment("TRN", "1", "SIM" + out.controlNumber());
        out.segment("DTP", "050", "D8", date);
        out.segment("DTP", "009", "D8", date);

        List<Claim> claims = set.claims();
        List<Claim> ok = claims.stream().filter(rules::accepted).toList();
        List<Claim> rejected = claims.stream().filter(claim -> !rules.accepted(claim)).toList();
        Party submitter = Objects.requireNonNullElse(set.submitter(), new Party("", "", ""));
        out.segment("HL", "2", "1", "21", "1");
        out.segment("NM1", "41", "2", submitter.name(), "", "", "", "", "46", submitter.id());
        out.segment("TRN", "2", set.batchId().isEmpty() ? set.controlNumber() : set.batchId());
        out.segment("STC", new String[]{"A1", "19", "PR"}, date, "WQ", Amounts.format(total(claims)));
        counts(out, "90", "AA", ok, rejected);

        Party billing = set.billingProvider();
        out.segment("HL", "3", "2", "19", "1");
        out.segment("NM1", "85", "2", billing.name(), "", "", "", "", "XX", billing.id());
        out.segment("TRN", "1", "0");
        if (!set.billingTaxId().isEmpty()) {
            out.segment("REF", "TJ", set.billingTaxId());
        }
        counts(out, "QA", "QC", ok, rejected);

        int hl = 3;
        for (Claim claim : claims) {
            writeClaim(out, ++hl, claim);
        }
        out.endSet();
    }

    private void writeClaim(X12Out out, int hl, Claim claim) {
        String[] status = rules.acknowledgement(claim);
        boolean accepted = status == SimulatorRules.ACCEPTED;
        Party subscriber = Objects.requireNonNullElse(claim.subscriber(), new Party("", "", ""));
        out.segment("HL", String.valueOf(hl), "3", "PT");
        out.segment("NM1", "QC", "1", subscriber.name(), subscriber.firstName(), "", "", "", "MI", subscriber.id());
        out.segment("TRN", "2", claim.id());
        out.segment("STC", status, out.date(), accepted ? "WQ" : "U", Amounts.format(claim.charge()));
        if (accepted) {
            out.segment("REF", "1K", SimulatorRules.payerClaimNumber(claim.id()));
        }
        String serviceDate = claim.serviceDate() != null ? claim.serviceDate()
                : claim.lines().stream().map(Received837.Line::serviceDate).filter(Objects::nonNull).findFirst().orElse(null);
        if (serviceDate != null) {
            out.segment("DTP", "472", "D8", serviceDate);
        }
    }

    private static void counts(X12Out out, String acceptedQualifier, String rejectedQualifier, List<Claim> ok,
                               List<Claim> rejected) {
        if (!ok.isEmpty()) {
            out.segment("QTY", acceptedQualifier, String.valueOf(ok.size()));
        }
        if (!rejected.isEmpty()) {
            out.segment("QTY", rejectedQualifier, String.valueOf(rejected.size()));
        }
        if (!ok.isEmpty()) {
            out.segment("AMT", "YU", Amounts.format(total(ok)));
        }
        if (!rejected.isEmpty()) {
            out.segment("AMT", "YY", Amounts.format(total(rejected)));
        }
    }

    static BigDecimal total(List<Claim> claims) {
        return claims.stream().map(Claim::charge).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
