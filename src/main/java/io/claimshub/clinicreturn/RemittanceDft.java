package io.claimshub.clinicreturn;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.FT1;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns one claim's remittance into an HL7 v2.5.1 DFT^P03 for the clinic's EHR, built with HAPI, so the
 * practice-management system can post it: one FT1 with FT1-6 {@code PY} per payment (per line when the
 * 835 has lines, else for the claim) and one FT1 {@code AJ} per CAS adjustment.
 *
 * <p>Field use: PID-18 (patient account number) = CLM01, the key the EHR sent the charge under;
 * FT1-2 = the check/EFT number; FT1-4 = the payment date; FT1-7 = {@code PAYMENT^<payer claim number>}
 * for PY, {@code <group>-<reason>^<reason in words>} for AJ; FT1-11 = the amount, always positive (the
 * type says which way it goes); FT1-25 = the line's procedure code; FT1-23 = the line control number.
 * No patient demographics are sent: the account number identifies the patient in the EHR.
 */
public final class RemittanceDft {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String sendingApplication;
    private final String sendingFacility;
    private final Clock clock;
    private final PipeParser parser;
    private final String idPrefix;
    private final AtomicLong counter = new AtomicLong();

    public RemittanceDft(String sendingApplication, String sendingFacility, Clock clock) {
        this.sendingApplication = sendingApplication;
        this.sendingFacility = sendingFacility;
        this.clock = clock;
        this.idPrefix = "RA" + Long.toString(clock.millis(), Character.MAX_RADIX).toUpperCase() + "-";
        HapiContext context = new DefaultHapiContext(ValidationContextFactory.noValidation());
        // HAPI's default id generator keeps a counter in a file named id_file in the working directory
        context.getParserConfiguration().setIdGenerator(() -> idPrefix + counter.incrementAndGet());
        this.parser = context.getPipeParser();
    }

    /** @param receivingFacility MSH-6: the clinic's sending facility, so its EHR recognises the feed */
    public synchronized String build(ClaimRemittance remittance, String receivingFacility) {
        try {
            DFT_P03 dft = new DFT_P03();
            dft.setParser(parser);
            dft.initQuickstart("DFT", "P03", "P");
            dft.getMSH().getSendingApplication().getNamespaceID().setValue(sendingApplication);
            dft.getMSH().getSendingFacility().getNamespaceID().setValue(sendingFacility);
            dft.getMSH().getReceivingFacility().getNamespaceID().setValue(receivingFacility);
            dft.getEVN().getEventTypeCode().setValue("P03");
            dft.getEVN().getRecordedDateTime().getTime().setValue(java.util.Date.from(clock.instant()));
            dft.getPID().getSetIDPID().setValue("1");
            dft.getPID().getPatientAccountNumber().getIDNumber().setValue(remittance.clm01());
            List<Posting> postings = postings(remittance);
            for (int i = 0; i < postings.size(); i++) {
                fill(dft.getFINANCIAL(i).getFT1(), i + 1, remittance, postings.get(i));
            }
            return parser.encode(dft);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("cannot build the remittance DFT for claim " + remittance.clm01(), e);
        }
    }

    /** One FT1: type PY or AJ, its code and text, amount, and the line it belongs to (or null). */
    private record Posting(String type, String code, String text, BigDecimal amount, ClaimRemittance.Line line) {
    }

    private static List<Posting> postings(ClaimRemittance remittance) {
        List<Posting> postings = new ArrayList<>();
        String payment = remittance.payerClaimNumber() == null ? "" : remittance.payerClaimNumber();
        if (remittance.lines().isEmpty()) {
            postings.add(new Posting("PY", "PAYMENT", payment, remittance.paid(), null));
        }
        for (ClaimRemittance.Line line : remittance.lines()) {
            postings.add(new Posting("PY", "PAYMENT", payment, line.paid(), line));
            for (ClaimRemittance.Adjustment adjustment : line.adjustments()) {
                postings.add(adjustment(adjustment, line));
            }
        }
        for (ClaimRemittance.Adjustment adjustment : remittance.adjustments()) {
            postings.add(adjustment(adjustment, null));
        }
        return postings;
    }

    private static Posting adjustment(ClaimRemittance.Adjustment adjustment, ClaimRemittance.Line line) {
        return new Posting("AJ", adjustment.group() + "-" + adjustment.reason(),
                AdjustmentGroups.describe(adjustment.group()), adjustment.amount(), line);
    }

    private void fill(FT1 ft1, int setId, ClaimRemittance remittance, Posting posting) throws HL7Exception {
        ft1.getSetIDFT1().setValue(String.valueOf(setId));
        ft1.getTransactionID().setValue(remittance.checkNumber());
        LocalDate date = remittance.paymentDate() == null ? LocalDate.now(clock) : remittance.paymentDate();
        ft1.getTransactionDate().getRangeStartDateTime().getTime().setValue(date.format(DATE));
        ft1.getTransactionType().setValue(posting.type());
        ft1.getTransactionCode().getIdentifier().setValue(posting.code());
        ft1.getTransactionCode().getText().setValue(posting.text());
        ft1.getTransactionQuantity().setValue("1");
        ft1.getTransactionAmountExtended().getPrice().getQuantity()
                .setValue((posting.amount() == null ? BigDecimal.ZERO : posting.amount()).abs().toPlainString());
        if (posting.line() != null) {
            ft1.getFillerOrderNumber().getEntityIdentifier().setValue(posting.line().lineControlNumber());
            ft1.getProcedureCode().getIdentifier().setValue(posting.line().procedureCode());
        }
    }
}
