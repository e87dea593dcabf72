package io.claimshub.mllp;

import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.hl7.AckBuilder;
import io.claimshub.hl7.AckBuilder.Code;
import io.claimshub.hl7.MessageHeader;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClaimPreparation.Prepared;
import io.claimshub.intake.IntakeResult;
import io.claimshub.intake.SourceRef;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.LedgerException;
import io.claimshub.observe.ClaimMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Answers one HL7 message from an EHR feed. {@code AA} only after the claim (or its rejection) is
 * committed to the ledger, so an EHR that got no ACK resends and loses nothing; {@code AE} when the
 * claim failed the edits (with one ERR per reason); {@code AR} when the message cannot be processed at
 * all. A resend (same MSH-4 and MSH-10, same claim) is answered as the first time without a second
 * claim; the same MSH-10 with another claim is refused.
 */
public final class MllpMessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MllpMessageHandler.class);

    private final PartnerConfig partners;
    private final ClaimPreparation preparation;
    private final ClaimIntake intake;
    private final IntakeLedger ledger;
    private final AckBuilder acks;
    private final int maxMessageLength;
    private final ClaimMetrics metrics;

    /**
     * @param maxMessageLength longer messages are answered AR without being parsed
     * @param metrics          counts every acknowledgement by clinic and code
     */
    public MllpMessageHandler(PartnerConfig partners, ClaimPreparation preparation,
                              ClaimIntake intake, IntakeLedger ledger, AckBuilder acks, int maxMessageLength,
                              ClaimMetrics metrics) {
        this.partners = partners;
        this.metrics = metrics;
        this.preparation = preparation;
        this.intake = intake;
        this.ledger = ledger;
        this.acks = acks;
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * The acknowledgement to send back, in ER7. Never throws for bad input. When the ledger cannot be
     * reached it throws, so no acknowledgement goes out and the EHR sends the message again later.
     *
     * @param sender the connection's remote address, recorded as the claim's source name
     */
    public String handle(String er7, String sender) {
        String source = sender == null || sender.isBlank() ? "mllp" : sender;
        try {
            return answer(er7, source);
        } catch (LedgerException unavailable) {
            throw unavailable;
        } catch (RuntimeException bug) {
            // A message that trips an unexpected fault is kept, never dropped, and refused with a reason.
            LOG.error("message could not be processed error={}", bug.getClass().getName());
            Reason reason = new Reason("message", "INTERNAL_ERROR", "the hub could not process this message;"
                    + " it is kept for the support team (" + bug.getClass().getSimpleName() + ")");
            ledger.recordUnreadable("unknown", new IntakeLedger.Source("mllp", source, null), 1, List.of(reason));
            return acknowledge(null, null, Code.AR, List.of(reason));
        }
    }

    /**
     * The answer to a frame too large for the listener to buffer ({@link OversizeAnswer}): AR with
     * MSH-10 when the frame's first bytes hold a readable MSH, AR without it otherwise.
     */
    public String refuseOversize(String head, long frameBytes) {
        int end = head.indexOf('\r');
        Prepared refused = preparation.prepare(ClaimPreparation.Input.oversizeFrame(end < 0 ? head : head.substring(0, end),
                frameBytes, new SourceRef("mllp", "mllp", 1, null), maxMessageLength));
        return reject(refused.header(), ((Prepared.Refused) refused).reason());
    }

    private String answer(String er7, String source) {
        // One read of the message (ClaimPreparation reads it, maps it and finds its clinic by MSH-4); a good
        // message's MSH is then taken from the result, not read a second time.
        Prepared prepared = preparation.prepare(ClaimPreparation.Input.liveMessage(er7,
                new SourceRef("mllp", source, 1, null), maxMessageLength));
        if (prepared instanceof Prepared.Refused refused) {
            return reject(refused.header(), refused.reason());
        }
        IntakeResult result = intake.acceptMessage(prepared);
        MessageHeader header = prepared.header();
        String clinicId = prepared.clinic().id();
        return switch (result.kind()) {
            case ACCEPTED -> acknowledge(clinicId, header, Code.AA, List.of());
            case DUPLICATE -> acknowledge(clinicId, header, result.reasons().isEmpty() ? Code.AA : Code.AE, result.reasons());
            case REJECTED -> acknowledge(clinicId, header, Code.AE, result.reasons());
            case UNREADABLE -> acknowledge(clinicId, header, Code.AR, result.reasons());
            case REFUSED -> reject(header, result.reasons().get(0));
        };
    }

    private String reject(MessageHeader header, Reason reason) {
        LOG.warn("message refused (AR) controlId={} code={}", header == null ? null : header.controlId(), reason.code());
        String clinicId = header == null ? null
                : partners.clinicForSendingFacility(header.sendingFacility()).map(ClinicConfig::id).orElse(null);
        return acknowledge(clinicId, header, Code.AR, List.of(reason));
    }

    /**
     * @param clinicId the clinic the message's MSH-4 names, null when none does (counted as "unknown": the
     *                 sender's own MSH-4 value never becomes a metric label)
     */
    private String acknowledge(String clinicId, MessageHeader header, Code code, List<Reason> reasons) {
        metrics.mllpAcknowledged(clinicId, code.name());
        return acks.build(header, code, reasons);
    }
}
