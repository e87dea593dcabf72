package io.claimshub.replies;

import io.claimshub.config.ClinicConfig;

import java.io.IOException;

/**
 * How replies go back to a clinic (clinics.yaml {@code replyTo}). Only {@code folder} exists today;
 * an HTTP webhook or HL7 over MLLP implements this same interface.
 */
public interface ClinicReplyChannel {

    void send(ClinicConfig clinic, ClinicReply reply) throws IOException;
}
