package io.claimshub.simulator;

/** The file is not X12 the simulator can answer: no readable ISA, so neither a TA1 nor a 999 can be sent. */
public final class Unreadable837Exception extends Exception {
    public Unreadable837Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
