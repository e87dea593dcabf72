package io.claimshub.claim;

import java.math.BigDecimal;

/**
 * The drug a service line bills (loop 2410): LIN*N4 and CTP.
 *
 * @param ndc      National Drug Code, 11 digits in the 5-4-2 form without dashes
 * @param quantity CTP04, more than 0
 * @param unit     CTP05-1: F2 international unit, GR gram, ME milligram, ML millilitre, UN unit
 */
public record Drug(String ndc, BigDecimal quantity, String unit) {

    /** CTP05-1 when the source names no unit: "unit". */
    public static final String UNIT = "UN";
}
