package io.claimshub.clinicreturn;

import io.claimshub.config.ClinicConfig;

import java.time.Clock;
import java.util.UUID;

/**
 * Queues what a clinic's own system must hear about its claims, by the clinic's {@code replyTo}:
 * {@code http} gets every claim status record POSTed to {@code replyUrl}; {@code mllp} gets each 835
 * payment and adjustment as a DFT^P03 at {@code replyHost:replyPort}. ({@code folder} clinics read
 * their outbox, which {@link FolderReplyChannel} writes.) Queued notices survive a restart; the
 * {@link NoticeDispatcher} delivers them with retries.
 */
public final class ClinicNotifier {

    private final NoticeQueue queue;
    private final RemittanceDft remittanceDft;
    private final Clock clock;

    public ClinicNotifier(NoticeQueue queue, RemittanceDft remittanceDft, Clock clock) {
        this.queue = queue;
        this.remittanceDft = remittanceDft;
        this.clock = clock;
    }

    /** @param statusJson the per-claim status record the clinic's outbox gets too */
    public void claimStatus(ClinicConfig clinic, String statusJson) {
        if (clinic.replyTo() instanceof ClinicConfig.ReplyTo.Http http) {
            enqueue(clinic, Notice.Channel.HTTP, http.url(), statusJson);
        }
    }

    public void remittance(ClinicConfig clinic, ClaimRemittance remittance) {
        if (clinic.replyTo() instanceof ClinicConfig.ReplyTo.Mllp mllp) {
            String facility = clinic.sendingFacilities().isEmpty() ? clinic.id() : clinic.sendingFacilities().get(0);
            enqueue(clinic, Notice.Channel.MLLP, mllp.host() + ":" + mllp.port(),
                    remittanceDft.build(remittance, facility));
        }
    }

    private void enqueue(ClinicConfig clinic, Notice.Channel channel, String target, String body) {
        // time first, so that file names sort in the order the notices were made
        String id = String.format("%013d-%s", clock.millis(), UUID.randomUUID().toString().substring(0, 8));
        queue.put(new Notice(id, clinic.id(), channel, target, body, 0, clock.instant(), null));
    }
}
