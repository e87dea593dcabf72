package io.claimshub.delivery;

import java.util.function.UnaryOperator;

/** Reads a secret from the environment variable a payer names; never logs or repeats it. */
public final class Secrets {

    private final UnaryOperator<String> environment;

    public Secrets(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public String fromEnv(String name, String what) throws DeliveryException {
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw DeliveryException.retryable("environment variable " + name + " (" + what + ") is not set", (Throwable) null);
        }
        return value;
    }
}
