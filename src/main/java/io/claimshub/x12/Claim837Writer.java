package io.claimshub.x12;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Person;
import io.claimshub.claim.Provider;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PayerConfig;
import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Writes 837P 005010X222A1 files with StAEDI, streaming: claims are written as they are iterated, so
 * a file of any size takes the same memory. StAEDI validates the envelope (ISA/GS/ST and trailers)
 * against its X12 control schema while writing, so a broken envelope fails with its location instead
 * of reaching a payer. Stateless and safe to share.
 */
public final class Claim837Writer {

    static final String VERSION = "005010X222A1";
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    /**
     * StAEDI reports, through java.util.logging, schema types it does not use each time it loads the
     * control schema; that is noise on the console of every command. Held here so the level sticks.
     */
    private static final java.util.logging.Logger STAEDI_SCHEMA_LOG = quiet("io.xlate.edi.internal.schema");

    private final Schema controlSchema;

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    public Claim837Writer() {
        try {
            controlSchema = SchemaFactory.newFactory().getControlSchema("X12", new String[]{"00501"});
        } catch (EDISchemaException e) {
            throw new IllegalStateException("StAEDI has no X12 00501 control schema", e);
        }
    }

    public void write(Interchange837 file, OutputStream out) throws IOException {
        Output output = open(file.payer(), file.interchangeControlNumber(), file.created(), file.batchId(), out);
        for (TransactionSet837 set : file.sets()) {
            output.startSet(set.controlNumber(), set.clinic());
            for (Claim claim : set.claims()) {
                output.claim(claim);
            }
            output.endSet();
        }
        output.finish();
    }

    /**
     * Starts an 837P file for {@code payer} (ISA, GS) whose transaction sets and claims are then given one at
     * a time, for a writer that has each claim only once, as it is made.
     *
     * @param interchangeControlNumber ISA13 and GS06
     * @param created                  ISA09/10, GS04/05, BHT04/05
     * @param batchId                  BHT03
     */
    public Output open(PayerConfig payer, long interchangeControlNumber, LocalDateTime created, String batchId,
                       OutputStream out) throws IOException {
        PayerConfig.Delimiters delimiters = payer.delimiters() == null ? PayerConfig.Delimiters.DEFAULT : payer.delimiters();
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(Delimiters.SEGMENT, delimiters.segment());
        factory.setProperty(Delimiters.DATA_ELEMENT, delimiters.element());
        factory.setProperty(Delimiters.COMPONENT_ELEMENT, delimiters.component());
        factory.setProperty(Delimiters.REPETITION, delimiters.repetition());
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        // One line by default: some receivers refuse line breaks between segments (payers.yaml segmentSeparatorNewline).
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, payer.segmentSeparatorNewline());
        Output output = new Output(payer, interchangeControlNumber, created, batchId);
        try {
            EDIStreamWriter writer = factory.createEDIStreamWriter(out, "US-ASCII");
            writer.setControlSchema(controlSchema);
            output.writer = writer;
            output.segments = new SegmentWriter(writer, new X12Text(delimiters));
            writer.startInterchange();
            output.writeEnvelopeStart(delimiters);
        } catch (EDIStreamException e) {
            throw output.failure(e);
        }
        return output;
    }

    /**
     * An 837P file being written: {@link #startSet}, {@link #claim} for each of the set's claims, {@link #endSet},
     * as often as there are sets, then {@link #finish}. Not thread-safe; the caller closes the stream.
     */
    public static final class Output {

        private final PayerConfig payer;
        private final long interchangeControlNumber;
        private final LocalDateTime created;
        private final String batchId;
        private EDIStreamWriter writer;
        private SegmentWriter segments;
        private ClinicConfig clinic;
        private String setControlNumber;
        private int sets;
        private int lastHl;

        private Output(PayerConfig payer, long interchangeControlNumber, LocalDateTime created, String batchId) {
            this.payer = payer;
            this.interchangeControlNumber = interchangeControlNumber;
            this.created = created;
            this.batchId = batchId;
        }

        /** ST and the set's header loops (submitter, receiver, 2000A billing provider) for {@code clinic}'s claims. */
        public void startSet(String controlNumber, ClinicConfig clinic) throws IOException {
            if (this.clinic != null) {
                throw new IllegalStateException("transaction set " + setControlNumber + " is not ended");
            }
            try {
                writeSetStart(controlNumber, clinic);
            } catch (EDIStreamException e) {
                throw failure(e);
            }
            this.clinic = clinic;
            this.setControlNumber = controlNumber;
            this.lastHl = 1;
            sets++;
        }

        /** 2000B (and 2000C) with the claim, in the set started last. */
        public void claim(Claim claim) throws IOException {
            if (clinic == null) {
                throw new IllegalStateException("no transaction set started");
            }
            try {
                lastHl = writeClaim(segments, lastHl, clinic, payer, claim);
            } catch (EDIStreamException e) {
                throw failure(e);
            }
        }

        /** SE of the set started last. */
        public void endSet() throws IOException {
            if (clinic == null) {
                throw new IllegalStateException("no transaction set started");
            }
            try {
                segments.segment("SE", String.valueOf(segments.segmentsInSet() + 1), setControlNumber);
            } catch (EDIStreamException e) {
                throw failure(e);
            }
            clinic = null;
        }

        /** GE and IEA, and everything written so far flushed to the stream. */
        public void finish() throws IOException {
            if (clinic != null) {
                throw new IllegalStateException("transaction set " + setControlNumber + " is not ended");
            }
            try {
                segments.rawSegment("GE", String.valueOf(sets), String.valueOf(interchangeControlNumber));
                segments.rawSegment("IEA", "1", controlNumber(interchangeControlNumber));
                writer.endInterchange();
                writer.flush();
            } catch (EDIStreamException e) {
                throw failure(e);
            }
        }

        private IOException failure(EDIStreamException e) {
            return new IOException("cannot write 837P file ISA13 " + controlNumber(interchangeControlNumber)
                    + " for payer " + payer.id() + ": " + e.getMessage(), e);
        }

        private void writeEnvelopeStart(PayerConfig.Delimiters delimiters) throws EDIStreamException {
            PayerConfig.Interchange isa = payer.interchange();
            segments.rawSegment("ISA", "00", " ".repeat(10), "00", " ".repeat(10),
                    isa.senderQualifier(), pad(segments.clean(isa.senderId()), 15),
                    isa.receiverQualifier(), pad(segments.clean(isa.receiverId()), 15),
                    created.format(YYMMDD), created.format(HHMM), String.valueOf(delimiters.repetition()),
                    "00501", controlNumber(interchangeControlNumber), "0", isa.usage(),
                    String.valueOf(delimiters.component()));
            segments.rawSegment("GS", "HC",
                    segments.clean(Objects.requireNonNullElse(isa.applicationSenderCode(), isa.senderId())),
                    segments.clean(Objects.requireNonNullElse(isa.applicationReceiverCode(), isa.receiverId())),
                    created.format(CCYYMMDD), created.format(HHMM),
                    String.valueOf(interchangeControlNumber), "X", VERSION);
        }

        private void writeSetStart(String controlNumber, ClinicConfig clinic) throws EDIStreamException {
            segments.startSet();
            segments.segment("ST", "837", controlNumber, VERSION);
            segments.segment("BHT", "0019", "00", batchId, created.format(CCYYMMDD), created.format(HHMM), "CH");
            ClinicConfig.Submitter submitter = clinic.submitter();
            segments.segment("NM1", "41", "2", submitter.name(), "", "", "", "", "46", submitter.id());
            segments.segment("PER", "IC", submitter.contact(), "TE", submitter.phone());
            segments.segment("NM1", "40", "2", payer.name(), "", "", "", "", "46", payer.payerId());
            segments.segment("HL", "1", "", "20", "1");
            if (clinic.taxonomy() != null) {
                segments.segment("PRV", "BI", "PXC", clinic.taxonomy());
            }
            segments.segment("NM1", "85", "2", clinic.name(), "", "", "", "", "XX", clinic.npi());
            address(segments, clinic.address());
            segments.segment("REF", "EI", clinic.taxId());
        }
    }

    /** Writes 2000B (and 2000C) with the claim; returns the last HL id used. */
    private static int writeClaim(SegmentWriter segments, int lastHl, ClinicConfig clinic, PayerConfig payer, Claim claim)
            throws EDIStreamException {
        Coverage coverage = claim.primaryCoverage();
        boolean dependent = !coverage.patientIsInsured();
        int subscriberHl = lastHl + 1;
        segments.segment("HL", String.valueOf(subscriberHl), "1", "22", dependent ? "1" : "0");
        segments.segment("SBR", claim.payerResponsibility(), dependent ? "" : "18", coverage.groupNumber(), "", "", "", "", "",
                payer.claimFilingIndicator());
        // The guide sends the subscriber's address and demographics only when the subscriber is the
        // patient; a dependent's go in 2010CA (X12 RFI 2281).
        person(segments, "IL", coverage.insured(), "MI", coverage.memberId(), !dependent);
        // 2010BB names the payer the file goes to (payers.yaml), as 1000B does: IN1-4 is the EHR's spelling.
        segments.segment("NM1", "PR", "2", payer.name(), "", "", "", "", "PI", payer.payerId());
        int hl = subscriberHl;
        if (dependent) {
            hl = subscriberHl + 1;
            segments.segment("HL", String.valueOf(hl), String.valueOf(subscriberHl), "23", "0");
            segments.segment("PAT", coverage.relationshipCode());
            person(segments, "QC", claim.patient(), null, null, true);
        }
        writeClaimInformation(segments, clinic, claim);
        return hl;
    }

    private static void writeClaimInformation(SegmentWriter segments, ClinicConfig clinic, Claim claim)
            throws EDIStreamException {
        String placeOfService = claim.placeOfService() != null ? claim.placeOfService() : clinic.placeOfService();
        String frequency = claim.frequencyCode() == null ? "1" : claim.frequencyCode();
        segments.segment("CLM", claim.patientControlNumber(), X12Text.amount(claim.totalCharge()), "", "",
                new String[]{placeOfService, "B", frequency}, "Y", "A", "Y", "Y");
        if (claim.onsetDate() != null) {
            segments.segment("DTP", "431", "D8", X12Text.date(claim.onsetDate()));
        }
        if (claim.originalPayerClaimNumber() != null && !"1".equals(frequency)) {
            segments.segment("REF", "F8", claim.originalPayerClaimNumber());
        }
        if (claim.priorAuthorization() != null) {
            segments.segment("REF", "G1", claim.priorAuthorization());
        }
        segments.segment("HI", (Object[]) healthCareCodes(claim.diagnoses()));
        if (claim.referringProvider() != null) {
            provider(segments, "DN", claim.referringProvider());
        }
        Provider claimRendering = claimRenderingProvider(claim);
        if (claimRendering != null && !claimRendering.npi().equals(clinic.npi())) {
            rendering(segments, clinic, claimRendering);
        }
        if (clinic.serviceFacility() != null) {
            ClinicConfig.ServiceFacility facility = clinic.serviceFacility();
            segments.segment("NM1", "77", "2", facility.name(), "", "", "", "",
                    facility.npi() == null ? "" : "XX", facility.npi());
            address(segments, facility.address());
        }
        OtherPayerLoops.writeClaimLoops(segments, claim);
        int number = 0;
        for (ServiceLine line : claim.lines()) {
            writeLine(segments, ++number, clinic, claim, line, claimRendering);
            OtherPayerLoops.writeLineLoops(segments, claim, line);
        }
    }

    private static void writeLine(SegmentWriter segments, int number, ClinicConfig clinic, Claim claim, ServiceLine line,
                                  Provider claimRendering) throws EDIStreamException {
        segments.segment("LX", String.valueOf(number));
        List<String> modifiers = line.modifiers();
        String[] procedure = new String[2 + modifiers.size()];
        procedure[0] = "HC";
        procedure[1] = line.procedureCode();
        for (int i = 0; i < modifiers.size(); i++) {
            procedure[2 + i] = modifiers.get(i);
        }
        List<Integer> diagnosisPointers = line.diagnosisPointers();
        String[] pointers = new String[diagnosisPointers.size()];
        for (int i = 0; i < pointers.length; i++) {
            pointers[i] = String.valueOf(diagnosisPointers.get(i));
        }
        segments.segment("SV1", procedure, X12Text.amount(line.chargeAmount()), "UN",
                X12Text.amount(line.units()), "", "", pointers);
        segments.segment("DTP", "472", "D8", X12Text.date(line.serviceDate()));
        segments.segment("REF", "6R", line.lineControlNumber());
        if (line.drug() != null) {
            segments.segment("LIN", "", "N4", line.drug().ndc());
            segments.segment("CTP", "", "", "", X12Text.amount(line.drug().quantity()), new String[]{line.drug().unit()});
        }
        Provider rendering = line.renderingProvider();
        if (rendering != null && (claimRendering == null || !rendering.npi().equals(claimRendering.npi()))) {
            rendering(segments, clinic, rendering);
        }
        // 2420E / 2420F only where the line's provider is not the claim's referring provider (2310A).
        if (line.orderingProvider() != null && !line.orderingProvider().sameAs(claim.referringProvider())) {
            provider(segments, "DK", line.orderingProvider());
        }
        if (line.referringProvider() != null && !line.referringProvider().sameAs(claim.referringProvider())) {
            provider(segments, "DN", line.referringProvider());
        }
    }

    /** HI*ABK:principal*ABF:other… — codes already normalised (no dot) by the mapper. */
    private static String[][] healthCareCodes(List<Diagnosis> diagnoses) {
        String[][] codes = new String[diagnoses.size()][];
        for (int i = 0; i < diagnoses.size(); i++) {
            codes[i] = new String[]{i == 0 ? "ABK" : "ABF", diagnoses.get(i).code().replace(".", "")};
        }
        return codes;
    }

    /** The claim-level rendering provider (2310B): the first line's. */
    private static Provider claimRenderingProvider(Claim claim) {
        return claim.lines().isEmpty() ? null : claim.lines().get(0).renderingProvider();
    }

    /** 2310B / 2420A: NM1*82 and, when sent or configured for the NPI, PRV*PE*PXC. */
    private static void rendering(SegmentWriter segments, ClinicConfig clinic, Provider provider) throws EDIStreamException {
        provider(segments, "82", provider);
        String taxonomy = provider.taxonomy() != null ? provider.taxonomy() : clinic.renderingTaxonomies().get(provider.npi());
        if (taxonomy != null) {
            segments.segment("PRV", "PE", "PXC", taxonomy);
        }
    }

    /** NM1 of an individual provider: 82 rendering, DN referring, DK ordering. */
    private static void provider(SegmentWriter segments, String entity, Provider provider) throws EDIStreamException {
        segments.segment("NM1", entity, "1", provider.lastName(), provider.firstName(), "", "", "", "XX", provider.npi());
    }

    private static void person(SegmentWriter segments, String entity, Person person, String idQualifier, String id,
                               boolean demographics) throws EDIStreamException {
        segments.segment("NM1", entity, "1", person.lastName(), person.firstName(), person.middleName(), "",
                person.suffix(), id == null ? "" : idQualifier, id);
        if (!demographics) {
            return;
        }
        if (person.address() != null) {
            address(segments, person.address());
        }
        if (person.birthDate() != null) {
            segments.segment("DMG", "D8", X12Text.date(person.birthDate()), person.sex());
        }
    }

    private static void address(SegmentWriter segments, Address address) throws EDIStreamException {
        segments.segment("N3", address.line1(), address.line2());
        segments.segment("N4", address.city(), address.state(), address.zip());
    }

    private static String controlNumber(long number) {
        return String.format("%09d", number);
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value.substring(0, width) : value + " ".repeat(width - value.length());
    }

}
