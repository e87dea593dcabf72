package io.claimshub.pickup;

import io.claimshub.ledger.WorkClaims;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The payer reply file consumers' idempotent repository ({@code idempotent=true}, {@code idempotentEager=true}):
 * a reply file is taken by one hub of several on one ledger, through the ledger's {@link WorkClaims} (the same
 * row claim and lease as clinic inbox files), keyed by the consumer's {@code idempotentKey} (where, name, size,
 * modification time). Camel takes the claim before the file is read, marks it done right before the file is
 * moved (fenced: refused when another hub took the file over after this one's lease ran out, and then the
 * file is not moved) and gives it back when the file failed, so the next poll, here or elsewhere, retries it.
 * Without a node id (one hub alone) every file is granted, as before.
 */
public final class ReplyFileClaims extends ServiceSupport implements IdempotentRepository {

    private final WorkClaims claims;

    public ReplyFileClaims(WorkClaims claims) {
        this.claims = claims;
    }

    /** true: this hub takes the file now. false: another hub whose lease runs holds it. */
    @Override
    public boolean add(String key) {
        return switch (claims.claim(WorkClaims.REPLY_FILE, key)) {
            case TAKEN -> true;
            case HELD_ELSEWHERE -> false;
            // done by this hub or a dead one, yet the file is still there: it died or stopped before the move.
            // Taken again: the content is known to the reply ledger (by its hash) and only the move is left.
            case FINISHED -> {
                claims.forget(WorkClaims.REPLY_FILE, key);
                yield claims.claim(WorkClaims.REPLY_FILE, key) == WorkClaims.Claim.TAKEN;
            }
        };
    }

    @Override
    public boolean contains(String key) {
        return claims.isFinished(WorkClaims.REPLY_FILE, key);
    }

    /** The file failed: give it back for the next poll. */
    @Override
    public boolean remove(String key) {
        claims.release(WorkClaims.REPLY_FILE, key);
        return true;
    }

    /** The file was processed: done, fenced, right before it is moved (throws when the lease was lost). */
    @Override
    public boolean confirm(String key) {
        claims.finish(WorkClaims.REPLY_FILE, key);
        return true;
    }

    /** The claims are rows of the shared ledger: one hub never clears the others'. */
    @Override
    public void clear() {
        // nothing held in memory
    }
}
