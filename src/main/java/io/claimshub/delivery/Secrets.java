package io.claimshub.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Reads a secret from the environment variable or file a payer names; never logs or repeats it. */
final class Secrets {

    private final UnaryOperator<String> environment;

    Secrets(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    String fromEnv(String name, String what) throws DeliveryException {
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw DeliveryException.retryable("environment variable " + name + " (" + what + ") is not set", (Throwable) null);
        }
        return value;
    }

    static String fromFile(Path file, String what) throws DeliveryException {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw DeliveryException.retryable("cannot read " + what + " file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
