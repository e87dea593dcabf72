package io.claimshub.intake;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.hl7.ChargeEntries;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.DftMessage;
import io.claimshub.hl7.Hl7Exception;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.hl7.MappingResult;
import io.claimshub.hl7.MessageHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps every input goes through before anything is recorded or written, in one call
 * ({@link #prepare}): read it (HL7 through {@link Hl7Parser#read}, once), map it to a {@link Claim}, tie it
 * to its clinic, run the edits, find the payer. Shared by the inboxes, the API, the MLLP listener and the
 * offline {@code convert} command so all judge a claim the same way; they differ only in how the clinic is
 * found ({@link Input}).
 */
public final class ClaimPreparation {

    private final PartnerConfig partners;
    private final Hl7Parser parser;
    private final DftMapper mapper;
    private final ClaimEdits edits;
    private final ReadLimits limits;

    public ClaimPreparation(PartnerConfig partners, Hl7Parser parser, DftMapper mapper, ClaimEdits edits) {
        this(partners, parser, mapper, edits, ReadLimits.DEFAULTS);
    }

    /** @param limits the file intake's limits: the largest message, the most reasons kept per claim */
    public ClaimPreparation(PartnerConfig partners, Hl7Parser parser, DftMapper mapper, ClaimEdits edits,
                            ReadLimits limits) {
        this.partners = partners;
        this.parser = parser;
        this.mapper = mapper;
        this.edits = edits;
        this.limits = limits;
    }

    /** How an input came in, which says how its clinic is found and whether its charges may wait for their encounter. */
    private enum Way {
        /** An inbox file's item, an API submission, a claim the hub made: sent for a clinic, whose MSH-4 must agree. */
        SENT_FOR_CLINIC,
        /** The MLLP feed: MSH-4 names the clinic; a message not read is refused before anything is recorded. */
        LIVE_FEED,
        /** {@code convert}: the clinic given on the command line, else the one MSH-4 names; every message is a claim. */
        CONVERT
    }

    /** One input to {@link #prepare}, made by the factory for the way it came in. */
    public static final class Input {
        private final Way way;
        private final InputItem item;
        private final SourceRef source;
        private final ClinicConfig clinic;
        private final RepeatedClaimIds repeated;
        private final long maxMessageLength;

        private Input(Way way, InputItem item, SourceRef source, ClinicConfig clinic, RepeatedClaimIds repeated,
                      long maxMessageLength) {
            this.way = way;
            this.item = item;
            this.source = source;
            this.clinic = clinic;
            this.repeated = repeated;
            this.maxMessageLength = maxMessageLength;
        }

        /**
         * An item sent for {@code clinic}: an HL7 message whose MSH-4 belongs to another clinic is refused
         * ({@link #forClinic}).
         *
         * @param source   the file (or API call) it came in; its ordinal and MSH-10 are the item's
         * @param repeated the CLM01s of the file's earlier items
         */
        public static Input sentFor(ClinicConfig clinic, InputItem item, SourceRef source, RepeatedClaimIds repeated) {
            return new Input(Way.SENT_FOR_CLINIC, item, source, clinic, repeated, -1);
        }

        /**
         * A message of the MLLP feed, its clinic the one its MSH-4 names.
         *
         * @param maxMessageLength a longer message is refused without being parsed
         */
        public static Input liveMessage(String er7, SourceRef source, long maxMessageLength) {
            return new Input(Way.LIVE_FEED, new InputItem.Hl7Message(1, er7), source, null, null, maxMessageLength);
        }

        /**
         * A frame of the MLLP feed too large to buffer, known by its first segment only: refused, with its
         * MSH-10 when that segment is a readable MSH.
         */
        public static Input oversizeFrame(String firstSegment, long frameLength, SourceRef source, long maxMessageLength) {
            return new Input(Way.LIVE_FEED, new InputItem.Hl7TooLarge(1, firstSegment, frameLength), source, null, null,
                    maxMessageLength);
        }

        /**
         * An item of a {@code convert} run.
         *
         * @param clinic   the clinic named on the command line, taken as given; null to find it by MSH-4
         * @param repeated the CLM01s of the run's earlier items
         */
        public static Input converted(ClinicConfig clinic, InputItem item, SourceRef source, RepeatedClaimIds repeated) {
            return new Input(Way.CONVERT, item, source, clinic, repeated, -1);
        }
    }

    /** What {@link #prepare} made of an input. */
    public sealed interface Prepared {

        /** Where it came from, with its ordinal and MSH-10. */
        SourceRef source();

        /** Its MSH, for the acknowledgement; null for JSON or when the MSH cannot be read. */
        MessageHeader header();

        /** The clinic it is for; null when it was refused for want of one. */
        ClinicConfig clinic();

        /**
         * The claim with what the edits found and the payer it goes to.
         *
         * @param reasons mapping problems and edit failures together; empty when the claim can be billed
         * @param payerId the payers.yaml id the claim's primary insurance routes to, or null
         */
        record Edited(ClinicConfig clinic, Claim claim, List<Reason> reasons, String payerId, MessageHeader header,
                      SourceRef source) implements Prepared {
        }

        /**
         * A message of a clinic that collects charges per encounter (its {@code billHold}): the charges go to
         * {@link ChargeCapture}, the edits run when the encounter is released.
         */
        record Charges(ClinicConfig clinic, Mapped mapped, SourceRef source) implements Prepared {
            @Override
            public MessageHeader header() {
                return mapped.header();
            }
        }

        /** No claim could be made of it for its clinic (not HL7, too large, not mappable, another clinic's MSH-4). */
        record Unreadable(ClinicConfig clinic, List<Reason> reasons, MessageHeader header, SourceRef source)
                implements Prepared {
        }

        /**
         * No clinic takes it: an MLLP message not read (too large, not parsed) or whose MSH-4 no clinic lists,
         * answered AR with nothing recorded; a {@code convert} message whose MSH-4 names no clinic.
         *
         * @param claim the claim as mapped, for the clerk's report; null when there is none
         */
        record Refused(Reason reason, Claim claim, MessageHeader header, SourceRef source) implements Prepared {
            @Override
            public ClinicConfig clinic() {
                return null;
            }
        }
    }

    /**
     * A claim as read from its input, before the edits.
     *
     * @param claim    null when the input could not be made into a claim at all
     * @param problems what went wrong reading or mapping it
     * @param header   the MSH of HL7 input (null when unreadable, and for JSON)
     * @param message  the HL7 message as read, for HL7 input; null otherwise
     */
    public record Mapped(Claim claim, List<Reason> problems, MessageHeader header, DftMessage message) {
        public Mapped(Claim claim, List<Reason> problems, MessageHeader header) {
            this(claim, problems, header, null);
        }

        /**
         * The FT1s as charge capture sees them, for HL7 input; null otherwise. Read on demand: only a clinic
         * that collects charges per encounter needs them, so the other messages (and {@code convert}) skip it.
         */
        public ChargeEntries charges() {
            return message == null ? null : ChargeEntries.read(message);
        }

        public boolean readable() {
            return claim != null;
        }

        /** MSH-10, for HL7 input. */
        public String controlId() {
            return header == null ? null : header.controlId();
        }

        /** MSH-4, for HL7 input. */
        public String sendingFacility() {
            return header == null ? null : header.sendingFacility();
        }
    }

    /** Reads, maps, ties to its clinic, edits and routes one input; never throws for bad input. */
    public Prepared prepare(Input input) {
        if (input.way == Way.LIVE_FEED) {
            return prepareLive(input);
        }
        Mapped read = map(input.item);
        SourceRef source = input.source.withMessage(input.item.ordinal(), read.controlId());
        ClinicConfig clinic = input.clinic;
        Mapped mapped = read;
        if (clinic == null) {
            Optional<ClinicConfig> named = partners.clinicForSendingFacility(read.sendingFacility());
            if (named.isEmpty()) {
                return new Prepared.Refused(new Reason("MSH-4", "UNKNOWN_CLINIC", "sending facility '"
                        + read.sendingFacility() + "' is not listed in any clinic's sendingFacilities; pass --clinic"),
                        read.claim(), read.header(), source);
            }
            clinic = named.get();
        } else if (input.way == Way.SENT_FOR_CLINIC) {
            mapped = forClinic(clinic, read);
        }
        // A CLM01 already used earlier in this file or run is rejected, naming both messages.
        mapped = input.repeated.check(clinic.id(), mapped, source);
        return edited(clinic, mapped, source, input.way != Way.CONVERT);
    }

    /**
     * The MLLP feed: the clinic is the one MSH-4 names, and a message that is not read (too large, not
     * parsed, no clinic's MSH-4) is refused with its MSH-10 when its MSH can be read, and with the MSH's own
     * problem when it cannot. An unknown sending facility is the more useful reason when it is one.
     */
    private Prepared prepareLive(Input input) {
        if (input.item instanceof InputItem.Hl7TooLarge frame) {
            Mapped refused = mapTooLarge(frame, input.maxMessageLength);
            return new Prepared.Refused(refused.problems().get(0), null, refused.header(), input.source);
        }
        String er7 = ((InputItem.Hl7Message) input.item).er7();
        if (er7.length() > input.maxMessageLength) {
            return refuseUnparsed(er7, messageTooLarge(er7.length(), input.maxMessageLength), false, input.source);
        }
        DftMessage message;
        try {
            message = parser.read(er7);
        } catch (Hl7Exception refused) {
            return refuseUnparsed(er7, refused.reason(), true, input.source);
        }
        MessageHeader header = message.header();
        SourceRef source = input.source.withMessage(input.item.ordinal(), header.controlId());
        Optional<ClinicConfig> clinic = partners.clinicForSendingFacility(header.sendingFacility());
        if (clinic.isEmpty()) {
            return new Prepared.Refused(unknownSendingFacility(header.sendingFacility()), null, header, source);
        }
        return edited(clinic.get(), map(message), source, true);
    }

    private Prepared refuseUnparsed(String er7, Reason reason, boolean facilityFirst, SourceRef source) {
        MessageHeader header;
        try {
            header = parser.header(er7);
        } catch (Hl7Exception unreadable) {
            return new Prepared.Refused(unreadable.reason(), null, null, source);
        }
        SourceRef identified = source.withMessage(source.ordinal(), header.controlId());
        if (facilityFirst && partners.clinicForSendingFacility(header.sendingFacility()).isEmpty()) {
            return new Prepared.Refused(unknownSendingFacility(header.sendingFacility()), null, header, identified);
        }
        return new Prepared.Refused(reason, null, header, identified);
    }

    /**
     * @param collectCharges whether a clinic's {@code billHold} applies (the hub), or every message is a claim
     *                       of its own ({@code convert})
     */
    private Prepared edited(ClinicConfig clinic, Mapped mapped, SourceRef source, boolean collectCharges) {
        if (!mapped.readable()) {
            return new Prepared.Unreadable(clinic, mapped.problems(), mapped.header(), source);
        }
        if (collectCharges && mapped.message() != null && clinic.chargeCapture().collects()) {
            return new Prepared.Charges(clinic, mapped, source);
        }
        Claim claim = mapped.claim();
        List<Reason> reasons = capped(ReasonMerger.merge(mapped.problems(),
                edits.check(claim, partners.editContext(clinic, claim))));
        return new Prepared.Edited(clinic, claim, reasons, payerIdOf(claim), mapped.header(), source);
    }

    Mapped map(InputItem item) {
        if (item instanceof InputItem.Hl7Message hl7) {
            return mapHl7(hl7.er7());
        }
        if (item instanceof InputItem.Hl7TooLarge tooLarge) {
            return mapTooLarge(tooLarge, limits.maxMessageChars());
        }
        if (item instanceof InputItem.JsonClaim json) {
            return new Mapped(json.claim(), List.of(), null);
        }
        return new Mapped(null, List.of(((InputItem.InvalidJsonClaim) item).reason()), null);
    }

    private Mapped mapHl7(String er7) {
        DftMessage message;
        try {
            message = parser.read(er7);
        } catch (Hl7Exception refused) {
            // Identify the message for the clinic even though it cannot be used.
            return new Mapped(null, List.of(refused.reason()), headerOrNull(er7));
        }
        return map(message);
    }

    /** A message {@link Hl7Parser#read} returned (by the fast read path or HAPI's parse), mapped. */
    private Mapped map(DftMessage message) {
        MappingResult result = mapper.map(message);
        return new Mapped(result.claim(), capped(result.problems()), message.header(), message);
    }

    private Mapped mapTooLarge(InputItem.Hl7TooLarge item, long limit) {
        return new Mapped(null, List.of(messageTooLarge(item.length(), limit)), headerOrNull(item.head()));
    }

    private MessageHeader headerOrNull(String er7) {
        try {
            return parser.header(er7);
        } catch (Hl7Exception unreadable) {
            return null;
        }
    }

    /** The reason for an HL7 message over the size limit, the same for a file and the MLLP feed. */
    private static Reason messageTooLarge(long length, long limit) {
        return new Reason("message", "MESSAGE_TOO_LARGE", "the message has " + length
                + " characters; the limit is " + limit + ": split the charges into several messages");
    }

    /**
     * The rule that ties an HL7 message to a clinic, the same for every way in: the MLLP listener finds
     * the clinic by MSH-4 (and refuses an MSH-4 no clinic lists); an inbox file names its clinic, and
     * its MSH-4 must not say otherwise. A message another clinic's MSH-4 sent, or one whose
     * MSH-4 is not among the clinic's {@code sendingFacilities} (when it lists any), is refused with the
     * reason, never billed under the wrong clinic.
     *
     * @return the message as mapped, or as refused (no claim) when its MSH-4 belongs elsewhere
     */
    private Mapped forClinic(ClinicConfig clinic, Mapped mapped) {
        String msh4 = mapped.sendingFacility();
        if (msh4 == null || msh4.isBlank()) {
            return mapped;
        }
        Optional<ClinicConfig> named = partners.clinicForSendingFacility(msh4);
        Reason refused = null;
        if (named.isPresent() && !named.get().id().equals(clinic.id())) {
            refused = new Reason("MSH-4", "SENDING_FACILITY_OTHER_CLINIC", "sending facility '" + msh4.strip()
                    + "' (MSH-4) belongs to clinic '" + named.get().id() + "', not to '" + clinic.id()
                    + "': send it to that clinic's inbox, or correct MSH-4");
        } else if (named.isEmpty() && !clinic.sendingFacilities().isEmpty()) {
            refused = unknownSendingFacility(msh4);
        }
        return refused == null ? mapped : new Mapped(null, List.of(refused), mapped.header());
    }

    /** An MSH-4 no clinic lists, the same reason for a file and the MLLP feed. */
    private static Reason unknownSendingFacility(String msh4) {
        return new Reason("MSH-4", "UNKNOWN_SENDING_FACILITY", "unknown sending facility '"
                + msh4 + "': it is not listed in any clinic's sendingFacilities");
    }

    /**
     * At most {@code maxReasons} reasons, the last saying how many more there were: a message with
     * thousands of bad lines is rejected with a readable list, and the ledger and the log stay small.
     */
    List<Reason> capped(List<Reason> reasons) {
        int max = limits.maxReasons();
        if (reasons.size() <= max) {
            return reasons;
        }
        List<Reason> kept = new ArrayList<>(reasons.subList(0, max - 1));
        kept.add(new Reason("claim", "MORE_REASONS", (reasons.size() - kept.size())
                + " more reasons are not listed; correct the ones above and send the claim again"));
        return kept;
    }

    /** The payers.yaml id the claim's primary insurance routes to, or null. */
    private String payerIdOf(Claim claim) {
        if (claim.primaryCoverage() == null) {
            return null;
        }
        return partners.payerForCompanyId(claim.primaryCoverage().payerKey()).map(PayerConfig::id).orElse(null);
    }

    public PartnerConfig partners() {
        return partners;
    }
}
