package io.claimshub.intake;

import io.claimshub.claim.Reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CLM01s seen in one unit of work (one {@code convert} run, one intake file). Two claims with one CLM01 in
 * one file would go out with the same REF*6R line numbers and the payer's replies could not tell them
 * apart, so the later one is rejected, naming both messages. One instance per unit; not thread-safe.
 */
public final class RepeatedClaimIds {

    private final Map<String, SourceRef> firstUse = new HashMap<>();

    /**
     * The mapped claim, with a rejection added when its clinic already used its CLM01 earlier in this unit.
     */
    public ClaimPreparation.Mapped check(String clinicId, ClaimPreparation.Mapped mapped, SourceRef source) {
        if (!mapped.readable() || mapped.claim().patientControlNumber() == null) {
            return mapped;
        }
        String clm01 = mapped.claim().patientControlNumber();
        SourceRef first = firstUse.putIfAbsent(clinicId + "\u0000" + clm01, source);
        if (first == null) {
            return mapped;
        }
        List<Reason> problems = new ArrayList<>(mapped.problems());
        problems.add(new Reason("claim", "CLM01_REPEATED", "patient control number " + clm01 + " of "
                + source.describe() + " is also the CLM01 of " + first.describe()
                + "; each claim needs its own CLM01 (PID-18 / PV1-19), so this one was not sent"));
        return new ClaimPreparation.Mapped(mapped.claim(), problems, mapped.header());
    }
}
