package io.claimshub.x12.replies;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a payer's reply file (TA1, 999, 277CA, 835, in any number of interchanges, groups and sets)
 * into plain records. Segments come from StAEDI ({@link X12SegmentReader}); this class only knows which
 * segment of which loop means what. A set of another kind (an 837, a 277 claim status response) is an
 * error: the file is not a reply the hub can match. Stateless and safe to share.
 */
public final class ReplyFileReader {

    private final X12SegmentReader segments = new X12SegmentReader();

    public ReplyFile read(byte[] content) throws X12ReplyException {
        List<X12Envelope.Interchange> interchanges = segments.read(content);
        List<InterchangeAck> ta1s = new ArrayList<>();
        List<ImplementationAck> acks = new ArrayList<>();
        List<ClaimAck> claimAcks = new ArrayList<>();
        List<LevelAck> levelAcks = new ArrayList<>();
        List<Remittance> remittances = new ArrayList<>();
        for (X12Envelope.Interchange interchange : interchanges) {
            String isa13 = interchange.controlNumber();
            for (ReplySegment ta1 : interchange.ta1s()) {
                ta1s.add(new InterchangeAck(ta1.element(1), ta1.element(2), ta1.element(3), ta1.element(4),
                        ta1.element(5), isa13));
            }
            for (X12Envelope.Group group : interchange.groups()) {
                for (X12Envelope.TransactionSet set : group.sets()) {
                    String version = set.st().element(3).isEmpty() ? group.gs().element(8) : set.st().element(3);
                    switch (set.type()) {
                        case "999" -> acks.add(implementationAck(isa13, set));
                        case "277" -> {
                            if (!version.startsWith("005010X214")) {
                                throw new X12ReplyException("not a reply the hub reads: " + set.st().where() + " is a 277 of "
                                        + version + "; only the 277CA claim acknowledgement (005010X214) is matched to claims");
                            }
                            claimAcks(isa13, set, claimAcks, levelAcks);
                        }
                        case "835" -> remittances.add(remittance(isa13, set));
                        default -> throw new X12ReplyException("not a reply the hub reads: " + set.st().where()
                                + " is a transaction set " + set.type() + " (" + version
                                + "); replies are TA1, 999, 277CA and 835");
                    }
                }
            }
        }
        return new ReplyFile(interchanges, ta1s, acks, claimAcks, levelAcks, remittances);
    }

    private static ImplementationAck implementationAck(String isa13, X12Envelope.TransactionSet set) throws X12ReplyException {
        ReplySegment ak1 = null;
        ReplySegment ak9 = null;
        List<ImplementationAck.SetAck> sets = new ArrayList<>();
        SetAckBuilder current = null;
        SegmentErrorBuilder lastError = null;
        for (ReplySegment segment : set.segments()) {
            switch (segment.tag()) {
                case "AK1" -> ak1 = segment;
                case "AK2" -> {
                    current = new SetAckBuilder(segment);
                    lastError = null;
                }
                case "IK3" -> {
                    require(current, segment, "AK2");
                    lastError = new SegmentErrorBuilder(segment);
                    current.errors.add(lastError);
                }
                case "CTX" -> {
                    if (lastError != null) {
                        lastError.context.add(String.join(":", segment.components(1)));
                    }
                }
                case "IK4" -> {
                    require(lastError, segment, "IK3");
                    lastError.elements.add(new ImplementationAck.ElementError(segment.component(1, 1),
                            segment.component(1, 2), segment.element(2), segment.element(3), segment.element(4)));
                }
                case "IK5" -> {
                    require(current, segment, "AK2");
                    sets.add(current.build(segment));
                    current = null;
                    lastError = null;
                }
                case "AK9" -> ak9 = segment;
                default -> {
                }
            }
        }
        if (ak1 == null || ak9 == null) {
            throw new X12ReplyException("broken 999 in " + set.st().where() + ": " + (ak1 == null ? "no AK1" : "no AK9"));
        }
        List<String> groupErrors = new ArrayList<>();
        for (int i = 5; i <= 9; i++) {
            if (!ak9.element(i).isEmpty()) {
                groupErrors.add(ak9.element(i));
            }
        }
        return new ImplementationAck(isa13, set.controlNumber(), ak1.element(1), ak1.element(2), ak1.element(3),
                sets, ak9.element(1), groupErrors);
    }

    /** IK3 and IK4 lists are filled while reading, so the records are built from mutable lists copied at the end. */
    private static final class SetAckBuilder {
        private final ReplySegment ak2;
        private final List<SegmentErrorBuilder> errors = new ArrayList<>();

        SetAckBuilder(ReplySegment ak2) {
            this.ak2 = ak2;
        }

        ImplementationAck.SetAck build(ReplySegment ik5) {
            List<String> codes = new ArrayList<>();
            for (int i = 2; i <= 6; i++) {
                if (!ik5.element(i).isEmpty()) {
                    codes.add(ik5.element(i));
                }
            }
            List<ImplementationAck.SegmentError> copies = errors.stream().map(e -> new ImplementationAck.SegmentError(
                    e.ik3.element(1), e.ik3.element(2), e.ik3.element(3), e.ik3.element(4), e.elements, e.context)).toList();
            return new ImplementationAck.SetAck(ak2.element(1), ak2.element(2), ik5.element(1), codes, copies);
        }
    }

    private static final class SegmentErrorBuilder {
        private final ReplySegment ik3;
        private final List<ImplementationAck.ElementError> elements = new ArrayList<>();
        private final List<String> context = new ArrayList<>();

        SegmentErrorBuilder(ReplySegment ik3) {
            this.ik3 = ik3;
        }
    }

    /** Reads the claims (2200D, 2220D) of a 277CA into {@code claims} and the STCs above them into {@code levels}. */
    private static void claimAcks(String isa13, X12Envelope.TransactionSet set, List<ClaimAck> claims,
                                  List<LevelAck> levels) throws X12ReplyException {
        String level = "";
        String fileTrace = "";
        String providerQualifier = "";
        String providerId = "";
        List<ClaimAck.Status> levelStatuses = new ArrayList<>();
        ClaimAckBuilder claim = null;
        String line = null;
        for (ReplySegment segment : set.segments()) {
            switch (segment.tag()) {
                case "HL", "SE" -> {
                    if (claim != null) {
                        claims.add(claim.build(isa13));
                        claim = null;
                    }
                    if (!levelStatuses.isEmpty()) {
                        levels.add(level.equals("21")
                                ? new LevelAck(isa13, LevelAck.Level.INFORMATION_RECEIVER, fileTrace, "", "", levelStatuses)
                                : new LevelAck(isa13, LevelAck.Level.BILLING_PROVIDER, fileTrace, providerQualifier,
                                providerId, levelStatuses));
                        levelStatuses = new ArrayList<>();
                    }
                    level = segment.element(3);
                    line = null;
                }
                case "NM1" -> {
                    if (level.equals("19") && segment.element(1).equals("85")) {
                        providerQualifier = segment.element(8);
                        providerId = segment.element(9);
                    }
                }
                case "TRN" -> {
                    if (level.equals("21") && segment.element(1).equals("2")) {
                        fileTrace = segment.element(2);
                    } else if (level.equals("PT") && segment.element(1).equals("2")) {
                        claim = new ClaimAckBuilder(segment.element(2), providerQualifier, providerId);
                    }
                }
                case "STC" -> {
                    if (claim != null) {
                        if (line == null && claim.charge == null && !segment.element(4).isEmpty()) {
                            claim.charge = amount(segment, 4);
                        }
                        claim.statuses.addAll(statuses(segment, line == null ? "" : line));
                    } else if (level.equals("21") || level.equals("19")) {
                        levelStatuses.addAll(statuses(segment, ""));
                    }
                }
                case "SVC" -> {
                    if (claim != null) {
                        line = "SVC line";
                        claim.lineStatusesFrom = claim.statuses.size();
                    }
                }
                case "REF" -> {
                    if (claim != null && line == null && segment.element(1).equals("1K")) {
                        claim.payerClaimNumber = segment.element(2);
                    } else if (claim != null && line != null && segment.element(1).equals("FJ")) {
                        line = segment.element(2);
                        for (int i = claim.lineStatusesFrom; i < claim.statuses.size(); i++) {
                            ClaimAck.Status s = claim.statuses.get(i);
                            claim.statuses.set(i, new ClaimAck.Status(s.category(), s.code(), s.entity(), line));
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** STC01, STC10 and STC11: each a category:status:entity composite. */
    private static List<ClaimAck.Status> statuses(ReplySegment stc, String line) {
        List<ClaimAck.Status> statuses = new ArrayList<>();
        for (int position : new int[]{1, 10, 11}) {
            if (!stc.component(position, 1).isEmpty()) {
                statuses.add(new ClaimAck.Status(stc.component(position, 1), stc.component(position, 2),
                        stc.component(position, 3), line));
            }
        }
        return statuses;
    }

    private static final class ClaimAckBuilder {
        private final String clm01;
        private final String providerQualifier;
        private final String providerId;
        private final List<ClaimAck.Status> statuses = new ArrayList<>();
        private String payerClaimNumber = "";
        private BigDecimal charge;
        private int lineStatusesFrom;

        ClaimAckBuilder(String clm01, String providerQualifier, String providerId) {
            this.clm01 = clm01;
            this.providerQualifier = providerQualifier;
            this.providerId = providerId;
        }

        ClaimAck build(String isa13) {
            return new ClaimAck(isa13, clm01, payerClaimNumber, providerQualifier, providerId, charge, statuses);
        }
    }

    private static Remittance remittance(String isa13, X12Envelope.TransactionSet set) throws X12ReplyException {
        List<ReplySegment> segments = set.segments();
        String checkNumber = "";
        LocalDate paymentDate = null;
        BigDecimal paymentAmount = null;
        String payeeNpi = "";
        String payeeTaxId = "";
        boolean inPayee = false;
        List<String> dateProblems = new ArrayList<>();
        List<Remittance.ClaimPayment> claims = new ArrayList<>();
        List<Remittance.ProviderAdjustment> providerAdjustments = new ArrayList<>();
        ClaimBuilder claim = null;
        LineBuilder line = null;
        for (int i = 0; i < segments.size(); i++) {
            ReplySegment segment = segments.get(i);
            String tag = segment.tag();
            if (claim != null && (tag.equals("CLP") || tag.equals("LX") || tag.equals("PLB") || tag.equals("SE"))) {
                claims.add(claim.build(line, i));
                claim = null;
                line = null;
            }
            switch (tag) {
                case "BPR" -> {
                    paymentAmount = amount(segment, 2);
                    paymentDate = date(segment, 16, "BPR16", dateProblems);
                }
                case "TRN" -> checkNumber = segment.element(2);
                case "N1" -> {
                    inPayee = segment.element(1).equals("PE");
                    if (inPayee && segment.element(3).equals("XX")) {
                        payeeNpi = segment.element(4);
                    } else if (inPayee && segment.element(3).equals("FI")) {
                        payeeTaxId = segment.element(4);
                    }
                }
                case "CLP" -> {
                    inPayee = false;
                    claim = new ClaimBuilder(segment, i);
                }
                case "SVC" -> {
                    if (claim != null) {
                        if (line != null) {
                            claim.lines.add(line.build());
                        }
                        line = new LineBuilder(segment);
                    }
                }
                case "CAS" -> {
                    if (claim != null) {
                        (line != null ? line.adjustments : claim.adjustments).addAll(adjustments(segment));
                    }
                }
                case "REF" -> {
                    if (inPayee && segment.element(1).equals("TJ") && payeeTaxId.isEmpty()) {
                        payeeTaxId = segment.element(2);
                    } else if (line != null && segment.element(1).equals("6R")) {
                        line.lineControlNumber = segment.element(2);
                    }
                }
                case "AMT" -> {
                    if (line != null && segment.element(1).equals("B6")) {
                        line.allowed = amount(segment, 2);
                    } else if (claim != null && line == null && segment.element(1).equals("AU")) {
                        claim.allowed = amount(segment, 2);
                    }
                }
                case "MOA" -> {
                    if (claim != null) {
                        remarks(segment, claim.remarks, 3, 4, 5, 6, 7);
                    }
                }
                case "MIA" -> {
                    if (claim != null) {
                        remarks(segment, claim.remarks, 5, 20, 21, 22, 23);
                    }
                }
                case "LQ" -> {
                    if (line != null && segment.element(1).equals("HE")) {
                        line.remarks.add(segment.element(2));
                    }
                }
                case "DTM" -> date(segment, 2, "DTM*" + segment.element(1), claim == null ? dateProblems : claim.dateProblems);
                case "PLB" -> providerAdjustments.addAll(providerAdjustments(segment, i));
                default -> {
                }
            }
        }
        return new Remittance(isa13, set.controlNumber(), checkNumber, paymentDate, paymentAmount, payeeNpi, payeeTaxId,
                claims, providerAdjustments, dateProblems);
    }

    /**
     * A CCYYMMDD date element: the date, or null with a problem in words when it is not a calendar date
     * (a payer's 20002316 must not reach a clinic's posting as a payment date).
     */
    private static LocalDate date(ReplySegment segment, int position, String name, List<String> problems) {
        String text = segment.element(position);
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 8) {
                return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE.withResolverStyle(ResolverStyle.STRICT));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(name + " '" + text + "' is not a valid date (CCYYMMDD) at " + segment.where());
        return null;
    }

    private static void remarks(ReplySegment segment, List<String> remarks, int... positions) {
        for (int position : positions) {
            if (!segment.element(position).isEmpty()) {
                remarks.add(segment.element(position));
            }
        }
    }

    /** PLB01 provider, PLB02 fiscal period date, then up to six reason:reference / amount pairs. */
    private static List<Remittance.ProviderAdjustment> providerAdjustments(ReplySegment plb, int index)
            throws X12ReplyException {
        List<Remittance.ProviderAdjustment> adjustments = new ArrayList<>();
        for (int reason = 3; reason <= 13; reason += 2) {
            if (!plb.element(reason).isEmpty()) {
                BigDecimal amount = amount(plb, reason + 1);
                if (amount == null) {
                    throw new X12ReplyException("broken X12 at " + plb.where() + ": PLB" + String.format("%02d", reason)
                            + " '" + plb.element(reason) + "' has no amount in PLB" + String.format("%02d", reason + 1));
                }
                adjustments.add(new Remittance.ProviderAdjustment(plb.element(1), plb.element(2), plb.component(reason, 1),
                        plb.component(reason, 2), amount, index));
            }
        }
        return adjustments;
    }

    private static final class ClaimBuilder {
        private final ReplySegment clp;
        private final int first;
        private final List<Remittance.Adjustment> adjustments = new ArrayList<>();
        private final List<Remittance.LinePayment> lines = new ArrayList<>();
        private final List<String> remarks = new ArrayList<>();
        private final List<String> dateProblems = new ArrayList<>();
        private BigDecimal allowed;

        ClaimBuilder(ReplySegment clp, int first) {
            this.clp = clp;
            this.first = first;
        }

        Remittance.ClaimPayment build(LineBuilder openLine, int end) throws X12ReplyException {
            if (openLine != null) {
                lines.add(openLine.build());
            }
            BigDecimal charge = amount(clp, 3);
            BigDecimal claimAllowed = allowed;
            if (claimAllowed == null && !lines.isEmpty()) {
                claimAllowed = lines.stream().map(Remittance.LinePayment::allowed).reduce(BigDecimal.ZERO, BigDecimal::add);
            } else if (claimAllowed == null && charge != null) {
                claimAllowed = charge.subtract(contractual(adjustments));
            }
            return new Remittance.ClaimPayment(clp.element(1), clp.element(2), charge, amountOrZero(clp, 4),
                    amountOrZero(clp, 5), claimAllowed, clp.element(7), adjustments, remarks, lines, dateProblems,
                    first, end);
        }
    }

    private static final class LineBuilder {
        private final ReplySegment svc;
        private final List<Remittance.Adjustment> adjustments = new ArrayList<>();
        private final List<String> remarks = new ArrayList<>();
        private String lineControlNumber = "";
        private BigDecimal allowed;

        LineBuilder(ReplySegment svc) {
            this.svc = svc;
        }

        Remittance.LinePayment build() throws X12ReplyException {
            String procedure = String.join(":", svc.components(1));
            BigDecimal charge = amountOrZero(svc, 2);
            BigDecimal patient = adjustments.stream().filter(a -> a.group().equals("PR")).map(Remittance.Adjustment::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Remittance.LinePayment(lineControlNumber, procedure, charge, amountOrZero(svc, 3),
                    allowed != null ? allowed : charge.subtract(contractual(adjustments)), patient, adjustments, remarks);
        }
    }

    /** What the provider writes off by contract (CAS group CO): billed minus this is what the payer allowed. */
    private static BigDecimal contractual(List<Remittance.Adjustment> adjustments) {
        return adjustments.stream().filter(a -> a.group().equals("CO")).map(Remittance.Adjustment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** CAS01 group, then up to six reason / amount / quantity triples. */
    private static List<Remittance.Adjustment> adjustments(ReplySegment cas) throws X12ReplyException {
        List<Remittance.Adjustment> adjustments = new ArrayList<>();
        for (int reason = 2; reason <= 17; reason += 3) {
            if (!cas.element(reason).isEmpty()) {
                adjustments.add(new Remittance.Adjustment(cas.element(1), cas.element(reason), amountOrZero(cas, reason + 1)));
            }
        }
        return adjustments;
    }

    private static BigDecimal amountOrZero(ReplySegment segment, int position) throws X12ReplyException {
        BigDecimal amount = amount(segment, position);
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static BigDecimal amount(ReplySegment segment, int position) throws X12ReplyException {
        String text = segment.element(position);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new X12ReplyException("broken X12 at " + segment.where() + " element " + position + ": '" + text
                    + "' is not an amount");
        }
    }

    private static void require(Object open, ReplySegment segment, String before) throws X12ReplyException {
        if (open == null) {
            throw new X12ReplyException("broken 999 at " + segment.where() + ": " + segment.tag() + " without a preceding " + before);
        }
    }
}
