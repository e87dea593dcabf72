package io.claimshub.config;

import java.util.List;

/** clinics.yaml or payers.yaml cannot be used; every problem found is listed, one per line. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
