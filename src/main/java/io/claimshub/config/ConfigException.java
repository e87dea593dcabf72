package io.claimshub.config;

import java.util.List;

/**
 * The partner configuration cannot be used. The message lists every problem found, one per line, each
 * naming the file, the partner and the key, so one start-up shows everything there is to fix.
 */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems in the order they were found: clinics.yaml first, then payers.yaml. */
    public List<String> problems() {
        return problems;
    }
}
