package io.claimshub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.claimshub.claim.ClaimJson;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ManualPayments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * A payment entered by hand for a claim whose payer sends no 835 (a paper claim, paid by check with a
 * paper remittance): checked, recorded in the ledger, written to the audit log. No Camel here;
 * {@link ApiRequestHandler} does the HTTP.
 */
public final class PaymentsApi {

    private static final List<String> FIELDS = List.of("amount", "paidOn", "checkNumber");
    private static final String EXAMPLE = "{\"amount\": \"85.00\", \"paidOn\": \"2026-12-01\", \"checkNumber\": \"10045\"}";
    /** DECIMAL(12, 2) in manual_payment. */
    private static final BigDecimal MOST = new BigDecimal("9999999999.99");
    private static final int MAX_CHECK_NUMBER = 64;

    private final ManualPayments payments;
    private final AuditLog audit;
    private final Clock clock;

    public PaymentsApi(ManualPayments payments, AuditLog audit, Clock clock) {
        this.payments = payments;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the caller gets back: the payment and where the claim stands now. */
    public record PaymentRecorded(long claimId, BigDecimal amount, LocalDate paidOn, String checkNumber,
                                  BigDecimal paidSoFar, String status) {
    }

    public PaymentRecorded record(ApiUser user, long claimId, String body) {
        JsonNode payment = object(body);
        BigDecimal amount = amount(payment.get("amount"));
        LocalDate paidOn = paidOn(payment.get("paidOn"));
        String checkNumber = checkNumber(payment.get("checkNumber"));
        ManualPayments.Recorded recorded = payments.record(claimId, amount, paidOn, checkNumber, user.name(),
                user.clinics());
        String target = "amount " + amount.toPlainString();
        switch (recorded.outcome()) {
            case NO_SUCH_CLAIM -> {
                audit.record(user.name(), user.role().label(), "record-payment", claimId, target, "not found");
                throw ApiException.notFound("no claim with id " + claimId);
            }
            case OUTSIDE_CLINICS -> {
                // Answered like a claim that does not exist: a limited user learns nothing of other clinics.
                audit.record(user.name(), user.role().label(), "record-payment", claimId, target,
                        "outside the user's clinics");
                throw ApiException.notFound("no claim with id " + claimId);
            }
            case NOT_SENT -> {
                audit.record(user.name(), user.role().label(), "record-payment", claimId, target, "not sent");
                throw new ApiException(409, "claim " + claimId + " is " + recorded.before().display()
                        + ": a payment can be entered once the claim was printed or delivered");
            }
            default -> {
                audit.record(user.name(), user.role().label(), "record-payment", claimId, target,
                        recorded.after().display());
                return new PaymentRecorded(claimId, amount, paidOn, checkNumber, recorded.paidSoFar(),
                        recorded.after().display());
            }
        }
    }

    private static JsonNode object(String body) {
        JsonNode tree;
        try {
            tree = ClaimJson.mapper().readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): send " + EXAMPLE);
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest("the body must be one payment as a JSON object, like " + EXAMPLE);
        }
        tree.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "'; a payment has " + String.join(", ", FIELDS));
            }
        });
        return tree;
    }

    private static BigDecimal amount(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("'amount' is missing: the amount the payer paid, like \"85.00\" (0 for a denial)");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(node.asText().strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'amount' must be a number like \"85.00\", not '" + printable(node.asText()) + "'");
        }
        if (amount.signum() < 0) {
            throw ApiException.badRequest("'amount' must not be negative; enter what the payer paid (0 for a denial)");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw ApiException.badRequest("'amount' " + amount.toPlainString() + " has more than 2 decimals");
        }
        if (amount.compareTo(MOST) > 0) {
            throw ApiException.badRequest("'amount' may be at most " + MOST.toPlainString());
        }
        return amount.setScale(2);
    }

    private LocalDate paidOn(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("'paidOn' is missing: the date of the check or payment, like \"2026-12-01\"");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(node.asText().strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'paidOn' must be a date like \"2026-12-01\", not '" + printable(node.asText()) + "'");
        }
        if (date.isAfter(LocalDate.now(clock.withZone(ZoneId.systemDefault())))) {
            throw ApiException.badRequest("'paidOn' " + date + " is in the future");
        }
        return date;
    }

    private static String checkNumber(JsonNode node) {
        if (node == null || node.isNull() || node.asText().isBlank()) {
            return null;
        }
        String text = node.asText().strip();
        if (text.length() > MAX_CHECK_NUMBER || !text.matches("[\\x20-\\x7e]+")) {
            throw ApiException.badRequest("'checkNumber' must be at most " + MAX_CHECK_NUMBER
                    + " printable characters (the check or EFT trace number)");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    /** A value quoted back in a message: at most 40 characters, control characters escaped. */
    private static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        StringBuilder text = new StringBuilder();
        cut.codePoints().forEach(c -> text.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return text.toString();
    }
}
