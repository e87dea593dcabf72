package io.claimshub;

import io.claimshub.clinicreturn.ClinicNotifier;
import io.claimshub.clinicreturn.ClinicReplyChannels;
import io.claimshub.clinicreturn.ClinicReturn;
import io.claimshub.clinicreturn.FolderReplyChannel;
import io.claimshub.clinicreturn.MllpNoticeSender;
import io.claimshub.clinicreturn.Notice;
import io.claimshub.clinicreturn.NoticeDispatcher;
import io.claimshub.clinicreturn.NoticeQueue;
import io.claimshub.clinicreturn.NotifyingReplyChannel;
import io.claimshub.clinicreturn.RemittanceDft;
import io.claimshub.clinicreturn.WebhookSender;
import io.claimshub.config.Durations;
import io.claimshub.config.PartnerConfig;
import io.claimshub.delivery.RetryPolicy;
import io.claimshub.ledger.WorkClaims;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Results back to the clinics (routes/clinic-notices.camel.yaml): every clinic's outbox folder, and for clinics
 * with replyTo http or mllp a notice kept on disk (data/notify) until their webhook or EHR confirmed it.
 */
public class ClinicReturnConfiguration implements CamelConfiguration {

    @PropertyInject("claimshub.notify.timeout")
    String timeout;
    @PropertyInject("claimshub.notify.max-attempts")
    int maxAttempts;
    @PropertyInject("claimshub.notify.initial-delay")
    String initialDelay;
    @PropertyInject("claimshub.notify.max-delay")
    String maxDelay;
    @PropertyInject("claimshub.mllp.application")
    String sendingApplication;
    @PropertyInject("claimshub.mllp.facility")
    String sendingFacility;

    @BeanInject
    PartnerConfig partners;
    @BeanInject
    HubFolders folders;
    @BeanInject
    Clock clock;

    private NoticeQueue queue;
    private ClinicNotifier notifier;

    @BindToRegistry("noticeQueue")
    public NoticeQueue noticeQueue() {
        if (queue == null) {
            queue = new NoticeQueue(folders.dataDir().resolve("notify"));
        }
        return queue;
    }

    @BindToRegistry("clinicNotifier")
    public ClinicNotifier clinicNotifier() {
        if (notifier == null) {
            notifier = new ClinicNotifier(noticeQueue(), new RemittanceDft(sendingApplication, sendingFacility, clock), clock);
        }
        return notifier;
    }

    @BindToRegistry("noticeDispatcher")
    public NoticeDispatcher noticeDispatcher(WorkClaims workClaims) {
        Duration wait = Durations.parse(timeout);
        return new NoticeDispatcher(noticeQueue(), Map.of(
                Notice.Channel.HTTP, new WebhookSender(wait),
                Notice.Channel.MLLP, new MllpNoticeSender((int) wait.toMillis())),
                new RetryPolicy(maxAttempts, Durations.parse(initialDelay), Durations.parse(maxDelay), RandomGenerator.getDefault()),
                clock, workClaims);
    }

    /**
     * Each applied reply back to its clinics, each by its replyTo (clinics.yaml): the outbox folder always gets
     * them, a webhook or EHR as well.
     */
    @BindToRegistry("clinicReturn")
    public ClinicReturn clinicReturn() {
        FolderReplyChannel outbox = new FolderReplyChannel();
        NotifyingReplyChannel notifying = new NotifyingReplyChannel(outbox, clinicNotifier());
        return new ClinicReturn(partners,
                new ClinicReplyChannels(Map.of("folder", outbox, "http", notifying, "mllp", notifying)));
    }
}
