package io.claimshub.clinicreturn;

import io.claimshub.config.ClinicConfig;

import java.io.IOException;

/**
 * One way results go back to a clinic (clinics.yaml {@code replyTo}): its outbox folder
 * ({@link FolderReplyChannel}), and its webhook or EHR as well ({@link NotifyingReplyChannel}).
 */
public interface ClinicReplyChannel {

    void send(ClinicConfig clinic, ClinicReply reply) throws IOException;
}
