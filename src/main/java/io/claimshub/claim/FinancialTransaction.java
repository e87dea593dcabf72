package io.claimshub.claim;

import java.math.BigDecimal;

/**
 * An FT1 that is not a charge (CR credit, PY payment, AJ adjustment): recorded with the claim, never billed.
 *
 * @param origin "FT1 #3"
 * @param type   FT1-6 transaction type
 */
public record FinancialTransaction(String origin, String type, String code, BigDecimal amount) {
}
