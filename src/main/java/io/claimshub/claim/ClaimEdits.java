package io.claimshub.claim;
// TEMPORARY STUB
public final class ClaimEdits {
    public ClaimEdits(java.time.Clock clock) {}
    public java.util.List<Reason> check(Claim claim, io.claimshub.config.ClinicConfig clinic, io.claimshub.config.PartnerConfig partners) { return java.util.List.of(); }
}
