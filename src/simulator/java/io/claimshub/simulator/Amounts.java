package io.claimshub.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** X12 amounts: cents, no needless trailing zeros ("145", "70.5", "0"). */
final class Amounts {

    private Amounts() {
    }

    static String format(BigDecimal amount) {
        if (amount == null) {
            return "0";
        }
        BigDecimal stripped = amount.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
