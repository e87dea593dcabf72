package io.claimshub.replies;

import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.UnreadableFileException;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.x12.replies.ReplyFile;
import io.claimshub.x12.replies.ReplyFileReader;
import io.claimshub.x12.replies.X12ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The one way in for payer replies, whatever brought them (a polled folder, an HTTP response body, a
 * POST): each file is stored and recorded first ({@link ReplyStore}), then read, applied to its claims
 * ({@link ReplyApplier}) and returned to the clinics ({@link ClinicResults}), and only then recorded as
 * processed, so a file stopped half-way is taken up again. The same content for the same payer is
 * processed once; a file that is not X12 or is broken is set aside with a reason.
 */
public final class PayerReplies {

    private static final Logger LOG = LoggerFactory.getLogger(PayerReplies.class);

    private final PartnerConfig partners;
    private final ReplyStore store;
    private final ReplyFileReader reader;
    private final ReplyApplier applier;
    private final ClinicResults clinics;

    public PayerReplies(PartnerConfig partners, ReplyStore store, ReplyFileReader reader, ReplyApplier applier,
                        ClinicResults clinics) {
        this.partners = partners;
        this.store = store;
        this.reader = reader;
        this.applier = applier;
        this.clinics = clinics;
    }

    /**
     * Takes one reply from a payer.
     *
     * @param sourceName where it came from (a file name, a URL), for logs and names only
     * @throws UnreadableFileException when it is not X12 or is broken (it is kept in the error area)
     */
    public synchronized ReplyFileResult accept(String payerId, byte[] body, String sourceName)
            throws IOException, UnreadableFileException {
        if (partners.payer(payerId).isEmpty()) {
            throw new IllegalArgumentException("reply for unknown payer '" + payerId + "' (not in payers.yaml)");
        }
        ReplyStore.Received received = store.store(payerId, body, sourceName);
        if (received instanceof ReplyStore.Handled handled) {
            return handled.result();
        }
        StoredReply reply = ((ReplyStore.ToApply) received).reply();
        try {
            return process(reply);
        } catch (LeaseLostException lost) {
            // This hub froze or lost the ledger past its lease and another took the file over: that hub
            // applies it; what this one applied before stays once (each part is applied once per file).
            LOG.warn("reply left to another hub payer={} source={} stored={}: {}", payerId, sourceName,
                    reply.path().getFileName(), lost.getMessage());
            return new ReplyFileResult(reply.storedName(), null, 0, 0, true);
        }
    }

    private ReplyFileResult process(StoredReply reply) throws IOException, UnreadableFileException {
        ReplyFile file;
        try {
            file = reader.read(reply.body());
        } catch (X12ReplyException e) {
            throw store.setAside(reply, e);
        }
        AppliedReply applied = applier.apply(reply, file);
        if (!applied.unmatched().isEmpty()) {
            store.keepUnmatched(reply, applied.unmatched());
        }
        clinics.send(applied);
        store.processed(reply, file.kinds(), applied.matched() + " claim replies, " + applied.unmatched().size() + " unmatched");
        LOG.info("reply processed payer={} source={} stored={} kinds={} claimReplies={} unmatched={}", reply.payerId(),
                reply.sourceName(), reply.path().getFileName(), file.kinds(), applied.matched(), applied.unmatched().size());
        return new ReplyFileResult(reply.storedName(), file.kinds(), applied.matched(), applied.unmatched().size(), false);
    }
}
