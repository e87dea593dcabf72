package io.claimshub.cli;

import java.util.List;

/**
 * A failure whose message is all a user needs to put it right: a wrong config, a busy port, an output
 * that cannot be written. {@link CommandLine} prints each problem as one line and exits with the status;
 * the stack trace only with {@code --debug}. Thrown from deep inside (e.g. while Camel starts), it is
 * found however it was wrapped.
 */
public final class CommandException extends RuntimeException {

    private final int exitStatus;
    private final List<String> problems;

    public CommandException(int exitStatus, String problem) {
        this(exitStatus, List.of(problem), null);
    }

    public CommandException(int exitStatus, List<String> problems, Throwable cause) {
        super(String.join("\n", problems), cause);
        this.exitStatus = exitStatus;
        this.problems = List.copyOf(problems);
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** One line each, without the {@code claims-hub: } prefix. */
    public List<String> problems() {
        return problems;
    }

    /** The first CommandException among {@code failure} and its causes, or null. */
    public static CommandException findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CommandException found) {
                return found;
            }
        }
        return null;
    }
}
