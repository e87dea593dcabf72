package io.claimshub.replies;

import java.io.IOException;

/**
 * Where an applied reply file goes next: back to each clinic it concerns ({@code clinicreturn.ClinicReturn}).
 * An interface, as {@link ReplyEvents} is, so the reply flow does not know how clinics are reached.
 */
public interface ClinicResults {

    void send(AppliedReply reply) throws IOException;
}
