package io.claimshub.notify;

import io.claimshub.delivery.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Sends the notices whose time has come, one at a time, and keeps each until its clinic's system
 * confirmed it: a retryable failure is tried again after a backoff, a permanent one (or the last
 * attempt) moves the notice to {@code failed/} with an ERROR line naming clinic, notice and error.
 */
public final class NoticeDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeDispatcher.class);

    private final NoticeQueue queue;
    private final Map<Notice.Channel, NoticeSender> senders;
    private final RetryPolicy retry;
    private final Clock clock;

    public NoticeDispatcher(NoticeQueue queue, Map<Notice.Channel, NoticeSender> senders, RetryPolicy retry, Clock clock) {
        this.queue = queue;
        this.senders = Map.copyOf(senders);
        this.retry = retry;
        this.clock = clock;
    }

    /** @return how many notices were delivered */
    public synchronized int dispatchDue() {
        int delivered = 0;
        for (Notice notice : queue.due(clock.instant())) {
            try {
                senders.get(notice.channel()).send(notice);
                queue.remove(notice);
                delivered++;
                LOG.info("notice delivered clinic={} notice={} channel={} attempt={}", notice.clinicId(), notice.id(),
                        notice.channel(), notice.attempts() + 1);
            } catch (NoticeFailure failure) {
                handle(notice, failure);
            }
        }
        return delivered;
    }

    private void handle(Notice notice, NoticeFailure failure) {
        int attempts = notice.attempts() + 1;
        if (!failure.retryable() || retry.exhausted(attempts)) {
            queue.moveToFailed(notice.failed(failure.getMessage()));
            LOG.error("notice not delivered clinic={} notice={} channel={} attempts={} error={}: kept in failed/",
                    notice.clinicId(), notice.id(), notice.channel(), attempts, failure.getMessage());
            return;
        }
        Instant next = clock.instant().plus(retry.delayAfter(attempts));
        queue.put(notice.retried(next, failure.getMessage()));
        LOG.warn("notice will be retried clinic={} notice={} channel={} attempt={} next={} error={}",
                notice.clinicId(), notice.id(), notice.channel(), attempts, next, failure.getMessage());
    }
}
