package io.claimshub.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One word after {@code claims-hub}: what it does and the help it prints. Each command class declares
 * its own ({@code ConvertCommand.SUBCOMMAND}); {@code ClaimsHub} lists them, {@link CommandLine} answers {@code NAME --help}
 * with {@link #help()} and builds {@code claims-hub --help} from every {@link #summary()}.
 *
 * @param name    the word that selects it, e.g. {@code convert}
 * @param summary its usage line and a sentence or two, indented, for the list of commands
 * @param help    the full text of {@code claims-hub NAME --help}: usage, options, exit status, examples
 * @param action  runs it with the arguments after the name ({@code --help} and {@code --debug} removed)
 */
public record Subcommand(String name, String summary, String help, Action action) {

    @FunctionalInterface
    public interface Action {
        /** @return the process exit status */
        int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
    }
}
