package io.claimshub.api;

/** Sends a dead batch file again. The delivery flow owns how; the API only asks. */
public interface Redelivery {

    /** What became of the request. */
    enum Outcome { QUEUED, NO_SUCH_FILE, NOT_DEAD }

    record Result(Outcome outcome, String batchStatus, int claims) {
    }

    Result redeliver(String fileName);
}
