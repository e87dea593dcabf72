package io.claimshub.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.datatype.ERL;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.segment.ERR;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimshub.claim.Reason;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds original-mode HL7 acknowledgements: MSH-5/MSH-6 the sender's MSH-3/MSH-4, MSA-1 AA,
 * AE or AR, MSA-2 the message's MSH-10, and for AE/AR one ERR per reason (ERR-2 location, ERR-3 error
 * code, ERR-4 severity, ERR-8 the text a clerk can act on). Works from the MSH fields alone, so a message that could not be parsed still gets
 * an answer.
 *
 * <p>Written directly in ER7 when every value is plain printable ASCII without HL7 delimiters (every
 * acknowledgement of a well-formed feed: a tenth of the cost of HAPI's model and encoder); with HAPI
 * otherwise, so escaping stays HAPI's. Both give the same bytes (AckBuilderTest compares them).
 *
 * <p>MSH-10 of an acknowledgement is this process's start time (milliseconds, base 36) and a
 * counter: unique across restarts, at most 20 characters, and not HAPI's default id generator,
 * which keeps its counter in a file named {@code id_file} in the working directory.
 */
public final class AckBuilder {

    /** A reason's {@code where}, e.g. "FT1 #2" or "PID-18": segment, occurrence, field. */
    private static final Pattern LOCATION = Pattern.compile("([A-Z][A-Z0-9]{2})(?: #(\\d+))?(?:-(\\d+))?.*");

    /** MSH-7 as HAPI writes it: local time to the millisecond with its UTC offset. */
    private static final DateTimeFormatter MESSAGE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");

    private final String application;
    private final String facility;
    private final Clock clock = Clock.systemDefaultZone();
    private final Supplier<String> ids;
    /** One encoder per thread, all sharing the context made once in the constructor. */
    private final ThreadLocal<PipeParser> encoders;

    /** @param application MSH-3 and @param facility MSH-4 of the hub's acknowledgements */
    public AckBuilder(String application, String facility) {
        this.application = application;
        this.facility = facility;
        String prefix = Long.toString(System.currentTimeMillis(), Character.MAX_RADIX).toUpperCase() + "-";
        AtomicLong counter = new AtomicLong();
        ids = () -> prefix + counter.incrementAndGet();
        HapiContext context = new DefaultHapiContext(ValidationContextFactory.noValidation());
        encoders = ThreadLocal.withInitial(() -> new PipeParser(context));
    }

    public enum Code { AA, AE, AR }

    /**
     * @param inbound the message's MSH fields, or null when even MSH could not be read
     */
    public String build(MessageHeader inbound, Code code, List<Reason> reasons) {
        String time = MESSAGE_TIME.format(ZonedDateTime.now(clock));
        String id = ids.get();
        String direct = direct(inbound, code, reasons, time, id);
        return direct != null ? direct : withHapi(inbound, code, reasons, time, id);
    }

    /** The acknowledgement written as ER7 text, or null when a value needs HL7 escaping. */
    String direct(MessageHeader inbound, Code code, List<Reason> reasons, String time, String id) {
        String triggerEvent = triggerEvent(inbound);
        String sendingApplication = inbound == null ? null : inbound.sendingApplication();
        String sendingFacility = inbound == null ? null : inbound.sendingFacility();
        String controlId = inbound == null ? null : inbound.controlId();
        if (!plain(application) || !plain(facility) || !plain(sendingApplication) || !plain(sendingFacility)
                || !plain(controlId) || !plain(triggerEvent) || !plain(time) || !plain(id)) {
            return null;
        }
        StringBuilder ack = new StringBuilder(160 + 120 * reasons.size());
        ack.append("MSH|^~\\&|").append(application).append('|').append(facility).append('|');
        append(ack, sendingApplication).append('|');
        append(ack, sendingFacility).append('|').append(time).append("||ACK^").append(triggerEvent).append('|')
                .append(id).append("|P|2.5.1\r");
        ack.append("MSA|").append(code.name());
        if (controlId != null && !controlId.isEmpty()) {
            ack.append('|').append(controlId);
        }
        ack.append('\r');
        for (Reason reason : reasons) {
            if (!plain(reason.code()) || !plain(reason.text())) {
                return null;
            }
            ack.append("ERR||");
            Matcher location = LOCATION.matcher(reason.where());
            if (location.matches()) {
                ack.append(location.group(1)).append('^').append(location.group(2) == null ? "1" : location.group(2));
                if (location.group(3) != null) {
                    ack.append('^').append(location.group(3));
                }
            }
            ack.append('|').append(errorCode(reason.code())).append("|E|").append(reason.code());
            if (!reason.text().isEmpty()) {
                ack.append("|||").append(reason.text());
            }
            ack.append('\r');
        }
        return ack.toString();
    }

    private static StringBuilder append(StringBuilder ack, String value) {
        return value == null ? ack : ack.append(value);
    }

    /**
     * Printable ASCII without the delimiters {@code | ^ ~ \ &} and without a space at either end (HAPI
     * trims those): written as it is, nothing to escape.
     */
    private static boolean plain(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '|' || c == '^' || c == '~' || c == '\\' || c == '&') {
                return false;
            }
        }
        return true;
    }

    /** The acknowledgement through HAPI's model and encoder, which escapes what needs it. */
    String withHapi(MessageHeader inbound, Code code, List<Reason> reasons, String time, String id) {
        try {
            ACK ack = new ACK();
            ack.setParser(encoders.get());
            MSH msh = ack.getMSH();
            header(msh, triggerEvent(inbound), time, id);
            msh.getSendingApplication().getNamespaceID().setValue(application);
            msh.getSendingFacility().getNamespaceID().setValue(facility);
            if (inbound != null) {
                // Addressed back to the sender, so an interface engine can route the answer.
                msh.getReceivingApplication().getNamespaceID().setValue(inbound.sendingApplication());
                msh.getReceivingFacility().getNamespaceID().setValue(inbound.sendingFacility());
            }
            ack.getMSA().getAcknowledgmentCode().setValue(code.name());
            ack.getMSA().getMessageControlID().setValue(inbound == null ? "" : inbound.controlId());
            for (int i = 0; i < reasons.size(); i++) {
                error(ack.getERR(i), reasons.get(i));
            }
            return encoders.get().encode(ack);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build an HL7 acknowledgement", e);
        }
    }

    /**
     * The MSH fields HAPI's {@code initQuickstart} would set, set directly: it builds a model class
     * factory, compiles a pattern and formats the time with {@code String.format} for every message,
     * a fifth of an ACK's cost.
     */
    private static void header(MSH msh, String triggerEvent, String time, String id) throws HL7Exception {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getDateTimeOfMessage().getTime().setValue(time);
        msh.getMessageType().getMessageCode().setValue("ACK");
        msh.getMessageType().getTriggerEvent().setValue(triggerEvent);
        msh.getMessageControlID().setValue(id);
        msh.getProcessingID().getProcessingID().setValue("P");
        msh.getVersionID().getVersionID().setValue("2.5.1");
    }

    private static void error(ERR err, Reason reason) throws HL7Exception {
        Matcher location = LOCATION.matcher(reason.where());
        if (location.matches()) {
            ERL erl = err.getErrorLocation(0);
            erl.getSegmentID().setValue(location.group(1));
            erl.getSegmentSequence().setValue(location.group(2) == null ? "1" : location.group(2));
            if (location.group(3) != null) {
                erl.getFieldPosition().setValue(location.group(3));
            }
        }
        err.getHL7ErrorCode().getIdentifier().setValue(errorCode(reason.code()));
        err.getSeverity().setValue("E");
        err.getApplicationErrorCode().getIdentifier().setValue(reason.code());
        err.getUserMessage().setValue(reason.text());
    }

    /**
     * HL7 table 0357. 100 (segment sequence error) fits none of the hub's reasons, so anything not
     * more specific is 207 (application internal error), the code for "the application refused it".
     */
    private static String errorCode(String reasonCode) {
        if (reasonCode.equals("UNSUPPORTED_MESSAGE_TYPE")) {
            return "200";
        }
        if (reasonCode.equals("UNSUPPORTED_VERSION")) {
            return "203";
        }
        if (reasonCode.equals("CONTROL_ID_REUSED")) {
            return "205";
        }
        if (reasonCode.startsWith("UNKNOWN_")) {
            return "103";
        }
        if (reasonCode.endsWith("_MISSING") || reasonCode.startsWith("NO_")) {
            return "101";
        }
        return "207";
    }

    private static String triggerEvent(MessageHeader inbound) {
        if (inbound == null || inbound.messageType() == null || !inbound.messageType().contains("^")) {
            return "P03";
        }
        return inbound.messageType().substring(inbound.messageType().indexOf('^') + 1);
    }
}
