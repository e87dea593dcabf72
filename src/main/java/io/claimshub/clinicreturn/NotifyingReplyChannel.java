package io.claimshub.clinicreturn;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.config.ClinicConfig;
import io.claimshub.replies.ClaimStatusRecord;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code replyTo: http} and {@code replyTo: mllp}: the outbox gets everything a folder clinic gets (the
 * record that stays), and the clinic's own system is told as well: every claim status record is POSTed
 * to its webhook ({@code http}), or every 835 claim payment goes to its EHR as a DFT^P03 with FT1
 * {@code PY}/{@code AJ} lines ({@code mllp}). Those notices wait on disk until confirmed.
 */
public final class NotifyingReplyChannel implements ClinicReplyChannel {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final ClinicReplyChannel outbox;
    private final ClinicNotifier notifier;
    private final ObjectMapper json = new ObjectMapper();

    public NotifyingReplyChannel(ClinicReplyChannel outbox, ClinicNotifier notifier) {
        this.outbox = outbox;
        this.notifier = notifier;
    }

    @Override
    public void send(ClinicConfig clinic, ClinicReply reply) throws IOException {
        outbox.send(clinic, reply);
        for (ClaimStatusRecord status : reply.statuses()) {
            if (clinic.replyTo() instanceof ClinicConfig.ReplyTo.Http) {
                notifier.claimStatus(clinic, json.writeValueAsString(status));
            } else if (clinic.replyTo() instanceof ClinicConfig.ReplyTo.Mllp && "835".equals(status.reply())) {
                notifier.remittance(clinic, remittance(status));
            }
        }
    }

    static ClaimRemittance remittance(ClaimStatusRecord status) {
        List<ClaimRemittance.Line> lines = status.lines() == null ? List.of() : status.lines().stream()
                .map(line -> new ClaimRemittance.Line(line.procedure(), line.lineControlNumber(), line.charge(),
                        line.paid(), adjustments(line.adjustments())))
                .toList();
        return new ClaimRemittance(status.patientControlNumber(), status.payerClaimNumber(), status.payerId(),
                status.checkOrEftNumber(), date(status.paymentDate()), status.charge(), status.paid(),
                status.patientResponsibility(), adjustments(status.adjustments()), lines);
    }

    private static List<ClaimRemittance.Adjustment> adjustments(List<ClaimStatusRecord.Adjustment> adjustments) {
        return adjustments == null ? List.of() : adjustments.stream()
                .map(a -> new ClaimRemittance.Adjustment(a.group(), a.reason(), a.amount())).toList();
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String digits = text.replace("-", "");
        return digits.length() == 8 ? LocalDate.parse(digits, CCYYMMDD) : null;
    }
}
