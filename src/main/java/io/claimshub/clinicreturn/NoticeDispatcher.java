package io.claimshub.clinicreturn;

import io.claimshub.delivery.RetryPolicy;
import io.claimshub.ledger.LeaseLostException;
import io.claimshub.ledger.WorkClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Sends the notices whose time has come, one at a time, and keeps each until its clinic's system
 * confirmed it: a retryable failure is tried again after a backoff, a permanent one (or the last
 * attempt) moves the notice to {@code failed/} with an ERROR line naming clinic, notice and error.
 *
 * <p>Several hubs share the notice folder: each notice is claimed in the ledger ({@link WorkClaims})
 * before it is sent, so one hub sends it while its lease runs. A hub that dies between sending and
 * removing the notice leaves it claimed; once its lease ran out another hub sends it again: a notice
 * reaches the clinic at least once, and twice only after such a crash (docs/cluster.md).
 */
public final class NoticeDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeDispatcher.class);

    private final NoticeQueue queue;
    private final Map<Notice.Channel, NoticeSender> senders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final WorkClaims claims;

    /** One hub alone on its notice folder. */
    public NoticeDispatcher(NoticeQueue queue, Map<Notice.Channel, NoticeSender> senders, RetryPolicy retry, Clock clock) {
        this(queue, senders, retry, clock, WorkClaims.singleHub());
    }

    /** @param claims who sends which notice when several hubs share the notice folder */
    public NoticeDispatcher(NoticeQueue queue, Map<Notice.Channel, NoticeSender> senders, RetryPolicy retry, Clock clock,
                            WorkClaims claims) {
        this.claims = claims;
        this.queue = queue;
        this.senders = Map.copyOf(senders);
        this.retry = retry;
        this.clock = clock;
    }

    /** @return how many notices were delivered */
    public synchronized int dispatchDue() {
        int delivered = 0;
        for (Notice listed : queue.due(clock.instant())) {
            Notice notice = claim(listed);
            if (notice == null) {
                continue;
            }
            try {
                senders.get(notice.channel()).send(notice);
                claims.finish(WorkClaims.NOTICE, notice.id());
                queue.remove(notice);
                claims.forget(WorkClaims.NOTICE, notice.id());
                delivered++;
                LOG.info("notice delivered clinic={} notice={} channel={} attempt={}", notice.clinicId(), notice.id(),
                        notice.channel(), notice.attempts() + 1);
            } catch (NoticeFailure failure) {
                handle(notice, failure);
            } catch (LeaseLostException lost) {
                LOG.warn("notice sent by this hub after its lease ran out clinic={} notice={} channel={}: {}; the clinic"
                        + " may get it twice", notice.clinicId(), notice.id(), notice.channel(), lost.getMessage());
            }
        }
        return delivered;
    }

    /**
     * The notice as it is now, claimed by this hub; null when another hub holds it, or sent or rescheduled
     * it since the folder was listed.
     */
    private Notice claim(Notice listed) {
        switch (claims.claim(WorkClaims.NOTICE, listed.id())) {
            case HELD_ELSEWHERE -> {
                return null;
            }
            case FINISHED -> {
                // Sent and confirmed by a hub that stopped before it removed the notice.
                queue.remove(listed);
                claims.forget(WorkClaims.NOTICE, listed.id());
                return null;
            }
            default -> {
                Notice current = queue.current(listed).orElse(null);
                if (current == null || current.nextAttempt().isAfter(clock.instant())) {
                    claims.release(WorkClaims.NOTICE, listed.id());
                    return null;
                }
                return current;
            }
        }
    }

    private void handle(Notice notice, NoticeFailure failure) {
        int attempts = notice.attempts() + 1;
        try {
            if (!failure.retryable() || retry.exhausted(attempts)) {
                claims.finish(WorkClaims.NOTICE, notice.id());
                queue.moveToFailed(notice.failed(failure.getMessage()));
                claims.forget(WorkClaims.NOTICE, notice.id());
                LOG.error("notice not delivered clinic={} notice={} channel={} attempts={} error={}: kept in failed/",
                        notice.clinicId(), notice.id(), notice.channel(), attempts, failure.getMessage());
                return;
            }
            Instant next = clock.instant().plus(retry.delayAfter(attempts));
            // Fenced: a notice another hub took over (and may have sent) is not put back for another attempt.
            claims.ensureHolds(WorkClaims.NOTICE, notice.id());
            queue.put(notice.retried(next, failure.getMessage()));
            claims.release(WorkClaims.NOTICE, notice.id());
            LOG.warn("notice will be retried clinic={} notice={} channel={} attempt={} next={} error={}",
                    notice.clinicId(), notice.id(), notice.channel(), attempts, next, failure.getMessage());
        } catch (LeaseLostException lost) {
            LOG.warn("notice left to another hub clinic={} notice={} channel={} error={}: {}", notice.clinicId(),
                    notice.id(), notice.channel(), failure.getMessage(), lost.getMessage());
        }
    }
}
