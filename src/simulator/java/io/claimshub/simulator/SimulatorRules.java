package io.claimshub.simulator;

import io.claimshub.hashing.Sha256;
import io.claimshub.simulator.Received837.Claim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the simulated payer decides: a claim whose member id (2010BA NM109) or CLM01 matches a reject
 * pattern is rejected in the 277CA; an accepted claim over {@code denyOver} is denied in the 835;
 * every other line is paid {@code paidShare} of its charge, {@code coinsuranceShare} is patient
 * responsibility (PR-2) and the rest a contractual adjustment (CO-45).
 *
 * @param rejectMemberIds  null for none; 277CA STC A7:164:IL (entity's contract/member number)
 * @param rejectClaimIds   null for none; 277CA STC A3:21 (missing or invalid information)
 * @param denyOver         null for none; 835 CLP02 4 with CO-{@code denyReason} for the whole charge
 */
public record SimulatorRules(Pattern rejectMemberIds, Pattern rejectClaimIds, BigDecimal denyOver,
                             BigDecimal paidShare, BigDecimal coinsuranceShare, String denyReason) {

    public static final String[] MEMBER_ID_REJECTED = {"A7", "164", "IL"};
    public static final String[] CLAIM_ID_REJECTED = {"A3", "21"};
    public static final String[] ACCEPTED = {"A2", "20"};

    public static SimulatorRules defaults() {
        return new SimulatorRules(null, null, null, new BigDecimal("0.8"), BigDecimal.ZERO, "96");
    }

    /** STC01 for the claim in the 277CA: {@link #ACCEPTED} or the rejection's category and status. */
    public String[] acknowledgement(Claim claim) {
        String memberId = claim.subscriber() == null ? "" : claim.subscriber().id();
        if (rejectMemberIds != null && rejectMemberIds.matcher(memberId).matches()) {
            return MEMBER_ID_REJECTED;
        }
        if (rejectClaimIds != null && rejectClaimIds.matcher(claim.id()).matches()) {
            return CLAIM_ID_REJECTED;
        }
        return ACCEPTED;
    }

    public boolean accepted(Claim claim) {
        return acknowledgement(claim) == ACCEPTED;
    }

    /** Whether the 835 denies this (accepted) claim. */
    public boolean denied(Claim claim) {
        return denyOver != null && claim.charge() != null && claim.charge().compareTo(denyOver) > 0;
    }

    /**
     * The payer claim number (277CA REF*1K, 835 CLP07): the same for the same CLM01 on every run, so
     * tests and demos can predict it.
     */
    public static String payerClaimNumber(String clm01) {
        byte[] hash = Sha256.of(clm01.getBytes(StandardCharsets.UTF_8));
        return "SIM" + HexFormat.of().formatHex(hash, 0, 6).toUpperCase(Locale.ROOT);
    }
}
