package io.claimshub.intake;

/**
 * What intake tells the rest of the hub (metrics) about each claim or message from a clinic, by the
 * clinic's configured id only (never claim data).
 */
public interface IntakeEvents {

    /** Hears nothing: tools such as convert, and tests that do not count. */
    IntakeEvents NONE = new IntakeEvents() {
        @Override
        public void received(String clinic) {
        }

        @Override
        public void validated(String clinic) {
        }

        @Override
        public void duplicate(String clinic) {
        }

        @Override
        public void rejected(String clinic) {
        }
    };

    /** A claim or message came in (whatever became of it). */
    void received(String clinic);

    /** It passed the edits and waits for its payer's batch. */
    void validated(String clinic);

    /** The same claim was received before: nothing new was created. */
    void duplicate(String clinic);

    /** It failed the edits, could not be read, or was refused. */
    void rejected(String clinic);
}
