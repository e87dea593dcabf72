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

import java.util.List;

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

    public ClaimPreparation(PartnerConfig partners, Hl7Parser parser, DftMapper mapper, ClaimEdits edits) {
        this.partners = partners;
        this.parser = parser;
        this.mapper = mapper;
        this.edits = edits;
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

    public Mapped map(Message message, MessageHeader header) {
        MappingResult result = mapper.map(message);
        return new Mapped(result.claim(), result.problems(), header.controlId(), header.sendingFacility(),
                ChargeEntries.read(message));
    }

    /** Mapping problems and edit failures together; empty when the claim can be billed. */
    public List<Reason> check(ClinicConfig clinic, Mapped mapped) {
        return ReasonMerger.merge(mapped.problems(), edits.check(mapped.claim(), clinic, partners));
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
