package io.claimshub.x12;

import io.claimshub.claim.Claim;
import io.claimshub.config.ClinicConfig;

/**
 * One ST..SE: the claims of one clinic (one billing provider, one submitter). The claims are iterated
 * exactly once, as they are written, so they may be read lazily from disk.
 *
 * @param controlNumber ST02, at least 4 characters
 */
public record TransactionSet837(String controlNumber, ClinicConfig clinic, Iterable<Claim> claims) {
}
