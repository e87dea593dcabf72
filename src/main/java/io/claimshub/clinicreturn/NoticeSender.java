package io.claimshub.clinicreturn;

/** Hands one notice to a clinic's system and returns only when that system confirmed it. */
public interface NoticeSender {

    void send(Notice notice) throws NoticeFailure;
}
