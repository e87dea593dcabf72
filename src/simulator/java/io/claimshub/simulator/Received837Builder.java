package io.claimshub.simulator;

import io.claimshub.simulator.Received837.Claim;
import io.claimshub.simulator.Received837.ElementError;
import io.claimshub.simulator.Received837.Envelope;
import io.claimshub.simulator.Received837.Group;
import io.claimshub.simulator.Received837.Line;
import io.claimshub.simulator.Received837.Party;
import io.claimshub.simulator.Received837.SegmentError;
import io.claimshub.simulator.Received837.TransactionSet;
import io.xlate.edi.stream.EDIStreamValidationError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.claimshub.simulator.Claim837Reader.value;

/**
 * Builds {@link Received837} one segment at a time, and runs the 837P checks a payer's front end would:
 * every subscriber (2000B) has a claim (CLM), the set has a billing provider (NM1*85), CLM01 is present
 * and CLM02 / SV102 are amounts. Segment positions count from ST = 1, as in the 999 IK302.
 */
final class Received837Builder {

    private Envelope envelope;
    private final List<String> interchangeErrors = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private List<List<String>> gs;
    private final List<String> groupErrors = new ArrayList<>();
    private final List<TransactionSet> sets = new ArrayList<>();

    // the open transaction set
    private boolean inSet;
    private String setId;
    private String setControl;
    private String batchId;
    private Party submitter;
    private Party billing;
    private String billingTaxId;
    private List<SegmentError> errors;
    private String setErrorCode;
    private List<Claim> claims;
    private int position;
    private String loop;

    // the open subscriber / claim / line
    private boolean subscriberOpen;
    private boolean subscriberHasClaim;
    private Party subscriber;
    private String clm01;
    private BigDecimal charge;
    private String claimDate;
    private String payerResponsibility;
    private BigDecimal remainingPatientLiability;
    private BigDecimal linePriorPaid;
    private List<Line> lines;
    private String[] line; // number, control, charge, units, date
    private List<String> procedure;

    boolean hasEnvelope() {
        return envelope != null;
    }

    void envelope(Envelope envelope) {
        this.envelope = envelope;
    }

    void startSegment() {
        if (inSet) {
            position++;
        }
    }

    void endSegment(String tag, List<List<String>> e) {
        switch (tag) {
            case "GS" -> {
                gs = e;
                groupErrors.clear();
                sets.clear();
            }
            case "GE" -> endGroup();
            case "ST" -> startSet(e);
            case "SE" -> endSet();
            default -> {
                if (inSet) {
                    setSegment(tag, e);
                }
            }
        }
    }

    private void startSet(List<List<String>> e) {
        flushSet();
        inSet = true;
        position = 1;
        setId = value(e, 1);
        setControl = value(e, 2);
        batchId = "";
        submitter = null;
        billing = null;
        billingTaxId = "";
        errors = new ArrayList<>();
        setErrorCode = null;
        claims = new ArrayList<>();
        loop = "HEADER";
        subscriberOpen = false;
    }

    private void setSegment(String tag, List<List<String>> e) {
        switch (tag) {
            case "BHT" -> batchId = value(e, 3);
            case "HL" -> hierarchy(value(e, 3));
            case "NM1" -> party(value(e, 1), e);
            case "REF" -> reference(value(e, 1), value(e, 2));
            case "CLM" -> claim(e);
            case "SBR" -> {
                if ("2000B".equals(loop) || "2010BA".equals(loop)) {
                    payerResponsibility = value(e, 1);
                }
            }
            case "AMT" -> {
                if (clm01 != null && line == null && "EAF".equals(value(e, 1))) {
                    remainingPatientLiability = amount(value(e, 2));
                }
            }
            case "SVD" -> {
                BigDecimal paid = amount(value(e, 2));
                if (line != null && paid != null) {
                    linePriorPaid = linePriorPaid == null ? paid : linePriorPaid.add(paid);
                }
            }
            case "DTP" -> date(value(e, 1), value(e, 3));
            case "LX" -> {
                closeLine();
                if (clm01 != null) {
                    loop = "2400";
                    line = new String[]{value(e, 1), null, null, null, null};
                }
            }
            case "SV1" -> {
                if (line != null) {
                    procedure = e.isEmpty() ? List.of() : List.copyOf(e.get(0));
                    line[2] = value(e, 2);
                    line[3] = value(e, 4);
                    checkAmount("SV1", e, 2);
                }
            }
            default -> {
            }
        }
    }

    private void hierarchy(String level) {
        closeClaim();
        switch (level) {
            case "20" -> {
                closeSubscriber();
                loop = "2000A";
            }
            case "22" -> {
                closeSubscriber();
                loop = "2000B";
                if (billing == null && errors.stream().noneMatch(err -> err.loop() != null && err.loop().equals("2010AA"))) {
                    missing("NM1", "2010AA");
                }
                subscriberOpen = true;
                subscriberHasClaim = false;
                subscriber = null;
                payerResponsibility = null;
            }
            case "23" -> loop = "2000C";
            default -> {
            }
        }
    }

    private void party(String entity, List<List<String>> e) {
        Party party = new Party(value(e, 3), value(e, 4), value(e, 9));
        switch (entity) {
            case "41" -> submitter = party;
            case "85" -> {
                billing = party;
                loop = "2010AA";
            }
            case "IL" -> {
                if (clm01 != null) {
                    return; // 2330A: the subscriber of an earlier payer's coverage
                }
                subscriber = party;
                loop = "2010BA";
                if (party.id().isEmpty()) {
                    elementError("NM1", new ElementError(9, 0, "67", "1", null));
                }
            }
            default -> {
            }
        }
    }

    private void reference(String qualifier, String id) {
        if ("EI".equals(qualifier) && "2010AA".equals(loop)) {
            billingTaxId = id;
        } else if ("6R".equals(qualifier) && line != null) {
            line[1] = id;
        }
    }

    private void date(String qualifier, String date) {
        if ("472".equals(qualifier) && line != null) {
            line[4] = date;
        } else if ("472".equals(qualifier) && clm01 != null) {
            claimDate = date;
        }
    }

    private void claim(List<List<String>> e) {
        closeClaim();
        loop = "2300";
        subscriberHasClaim = true;
        clm01 = value(e, 1);
        if (clm01.isEmpty()) {
            elementError("CLM", new ElementError(1, 0, "1028", "1", null));
        }
        charge = checkAmount("CLM", e, 2);
        claimDate = null;
        lines = new ArrayList<>();
    }

    /** The amount in element {@code position}, or null after recording an IK4 (1 missing, 6 not a number). */
    private BigDecimal checkAmount(String tag, List<List<String>> e, int position) {
        String text = value(e, position);
        if (text.isEmpty()) {
            elementError(tag, new ElementError(position, 0, "782", "1", null));
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            elementError(tag, new ElementError(position, 0, "782", "6", text.length() <= 30 ? text : null));
            return null;
        }
    }

    private void closeLine() {
        if (line != null && lines != null) {
            lines.add(new Line(line[0], line[1] == null || line[1].isEmpty() ? line[0] : line[1],
                    procedure == null ? List.of() : procedure, amount(line[2]), line[3],
                    line[4] == null ? claimDate : line[4], linePriorPaid));
        }
        line = null;
        procedure = null;
        linePriorPaid = null;
    }

    private void closeClaim() {
        closeLine();
        if (clm01 != null) {
            claims.add(new Claim(clm01, charge, subscriber, claimDate, lines, payerResponsibility, remainingPatientLiability));
        }
        clm01 = null;
        remainingPatientLiability = null;
        lines = null;
    }

    private void closeSubscriber() {
        if (subscriberOpen && !subscriberHasClaim) {
            missing("CLM", "2300");
        }
        subscriberOpen = false;
    }

    private void endSet() {
        closeClaim();
        if (billing == null && errors.stream().noneMatch(err -> "2010AA".equals(err.loop()))) {
            missing("NM1", "2010AA");
        }
        closeSubscriber();
        if (claims.isEmpty() && errors.stream().noneMatch(err -> err.tag().equals("CLM"))) {
            missing("CLM", "2300");
        }
        inSet = false;
    }

    private void missing(String tag, String loopId) {
        errors.add(new SegmentError(tag, position, loopId, "3", List.of()));
    }

    /** An IK4 for the current segment, joining its IK3 if it already has one. */
    private void elementError(String tag, ElementError element) {
        for (int i = 0; i < errors.size(); i++) {
            SegmentError err = errors.get(i);
            if (err.position() == position && err.tag().equals(tag)) {
                List<ElementError> elements = new ArrayList<>(err.elements());
                elements.add(element);
                errors.set(i, new SegmentError(tag, position, err.loop(), err.code(), elements));
                return;
            }
        }
        errors.add(new SegmentError(tag, position, loopFor(tag), "8", List.of(element)));
    }

    private String loopFor(String tag) {
        return "ST".equals(tag) || "SE".equals(tag) || "HEADER".equals(loop) ? null : loop;
    }

    void segmentError(String tag, String code) {
        if (inSet || errors != null && "SE".equals(tag)) {
            errors.add(new SegmentError(tag, position, loopFor(tag), code, List.of()));
        } else if ("GS".equals(tag) || "GE".equals(tag)) {
            groupErrors.add("1");
        } else {
            interchangeErrors.add("022");
        }
    }

    /** An element error StAEDI found outside the ISA/IEA. */
    void elementError(String tag, ElementError element, EDIStreamValidationError type) {
        switch (tag) {
            case "GS", "GE" -> groupErrors.add(switch (type) {
                case CONTROL_REFERENCE_MISMATCH -> "4";
                case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> "5";
                default -> "1";
            });
            default -> {
                if (errors == null) {
                    interchangeErrors.add("024");
                    return;
                }
                if ("SE".equals(tag) && type == EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
                    setErrorCode = "4";
                } else if ("SE".equals(tag) && type == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH) {
                    setErrorCode = "3";
                }
                elementError(tag, element);
            }
        }
    }

    void interchangeError(String code) {
        interchangeErrors.add(code);
    }

    /** The reader failed after the ISA: the interchange is answered with a TA1 024 (invalid content). */
    void unreadableContent() {
        interchangeErrors.add("024");
    }

    private void endGroup() {
        flushSet();
        groups.add(new Group(value(gs, 1), value(gs, 2), value(gs, 3), value(gs, 6), value(gs, 8),
                groupErrors, sets));
        gs = null;
        sets.clear();
        groupErrors.clear();
    }

    private void flushSet() {
        if (setControl != null) {
            sets.add(new TransactionSet(setId, setControl, batchId, submitter, billing, billingTaxId, errors,
                    setErrorCode, claims));
            setControl = null;
            errors = null;
        }
    }

    Received837 build() {
        return new Received837(envelope, interchangeErrors, groups);
    }

    private static BigDecimal amount(String text) {
        try {
            return text == null || text.isEmpty() ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
