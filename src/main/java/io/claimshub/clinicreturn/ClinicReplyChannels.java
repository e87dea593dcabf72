package io.claimshub.clinicreturn;

import io.claimshub.config.ClinicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Picks the clinic's reply channel by {@code replyTo}. A {@code replyTo} with no channel given falls back
 * to the outbox folder, with a warning, so a reply is never lost for want of a channel.
 */
public final class ClinicReplyChannels {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicReplyChannels.class);

    private final Map<String, ClinicReplyChannel> channels;
    private final ClinicReplyChannel fallback;

    public ClinicReplyChannels(Map<String, ClinicReplyChannel> channels) {
        this.channels = Map.copyOf(channels);
        this.fallback = channels.get("folder");
    }

    public static ClinicReplyChannels folderOnly() {
        return new ClinicReplyChannels(Map.of("folder", new FolderReplyChannel()));
    }

    public ClinicReplyChannel forClinic(ClinicConfig clinic) {
        String type = clinic.replyTo() == null ? ClinicConfig.ReplyTo.FOLDER.type() : clinic.replyTo().type();
        ClinicReplyChannel channel = channels.get(type);
        if (channel == null) {
            LOG.warn("clinic={} replyTo={} is not available yet: replies go to its outbox folder", clinic.id(), type);
            return fallback;
        }
        return channel;
    }
}
