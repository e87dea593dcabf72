package io.claimshub.intake;

import ca.uhn.hl7v2.model.Message;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.hl7.ChargeEntries;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Exception;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.hl7.MappingResult;
import io.claimshub.hl7.MessageHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps every input goes through before anything is recorded or written: parse (HL7), map to a
 * {@link Claim}, run the edits, find the payer. Shared by the hub's intake and the offline
 * {@code convert} command so both judge a claim the same way.
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

    /**
     * A claim as read from its input, before the edits.
     *
     * @param claim           null when the input could not be made into a claim at all
     * @param problems        what went wrong reading or mapping it
     * @param controlId       MSH-10, for HL7 input
     * @param sendingFacility MSH-4, for HL7 input
     * @param charges         the FT1s as charge capture sees them, for HL7 input; null otherwise
     */
    public record Mapped(Claim claim, List<Reason> problems, String controlId, String sendingFacility,
                         ChargeEntries charges) {
        public Mapped(Claim claim, List<Reason> problems, String controlId, String sendingFacility) {
            this(claim, problems, controlId, sendingFacility, null);
        }

        public boolean readable() {
            return claim != null;
        }
    }

    public Mapped map(InputItem item) {
        if (item instanceof InputItem.Hl7Message hl7) {
            return mapHl7(hl7.er7());
        }
        if (item instanceof InputItem.Hl7TooLarge tooLarge) {
            return mapTooLarge(tooLarge);
        }
        if (item instanceof InputItem.JsonClaim json) {
            return new Mapped(json.claim(), List.of(), null, null);
        }
        return new Mapped(null, List.of(((InputItem.InvalidJsonClaim) item).reason()), null, null);
    }

    public Mapped mapHl7(String er7) {
        Message message;
        try {
            message = parser.parse(er7);
        } catch (Hl7Exception refused) {
            // Identify the message for the clinic even though it cannot be used.
            try {
                MessageHeader header = parser.header(er7);
                return new Mapped(null, List.of(refused.reason()), header.controlId(), header.sendingFacility());
            } catch (Hl7Exception unreadable) {
                return new Mapped(null, List.of(refused.reason()), null, null);
            }
        }
        return map(message, parser.header(message));
    }

    private Mapped mapTooLarge(InputItem.Hl7TooLarge item) {
        Reason reason = messageTooLarge(item.length(), limits.maxMessageChars());
        try {
            MessageHeader header = parser.header(item.head());
            return new Mapped(null, List.of(reason), header.controlId(), header.sendingFacility());
        } catch (Hl7Exception unreadable) {
            return new Mapped(null, List.of(reason), null, null);
        }
    }

    /** The reason for an HL7 message over the size limit, the same for a file and the MLLP feed. */
    public static Reason messageTooLarge(long length, long limit) {
        return new Reason("message", "MESSAGE_TOO_LARGE", "the message has " + length
                + " characters; the limit is " + limit + ": split the charges into several messages");
    }

    public Mapped map(Message message, MessageHeader header) {
        MappingResult result = mapper.map(message);
        return new Mapped(result.claim(), capped(result.problems()), header.controlId(), header.sendingFacility(),
                ChargeEntries.read(message));
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
    public Mapped forClinic(ClinicConfig clinic, Mapped mapped) {
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
        return refused == null ? mapped : new Mapped(null, List.of(refused), mapped.controlId(), msh4);
    }

    /** An MSH-4 no clinic lists, the same reason for a file and the MLLP feed. */
    public static Reason unknownSendingFacility(String msh4) {
        return new Reason("MSH-4", "UNKNOWN_SENDING_FACILITY", "unknown sending facility '"
                + msh4 + "': it is not listed in any clinic's sendingFacilities");
    }

    /** Mapping problems and edit failures together; empty when the claim can be billed. */
    public List<Reason> check(ClinicConfig clinic, Mapped mapped) {
        return capped(ReasonMerger.merge(mapped.problems(), edits.check(mapped.claim(), partners.editContext(clinic, mapped.claim()))));
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
    public String payerIdOf(Claim claim) {
        if (claim.primaryCoverage() == null) {
            return null;
        }
        return partners.payerForCompanyId(claim.primaryCoverage().payerKey()).map(PayerConfig::id).orElse(null);
    }

    public PartnerConfig partners() {
        return partners;
    }
}
