package io.claimshub.cli;

import io.claimshub.cli.Arguments.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The command line over a list of {@link Subcommand}s: picks the command (run when none is named), answers
 * {@code --help} and {@code --version}, and turns failures into one line each and an exit status (stack
 * traces only with {@code --debug}). What each command does and says lives in its own class.
 */
public final class CommandLine {

    /** The command line cannot be carried out as written (unknown command or option, missing value). */
    public static final int USAGE = 2;
    /** Something failed that is not the user's mistake: a bug, or the machine (disk full, out of memory). */
    public static final int UNEXPECTED = 4;

    private final List<Subcommand> commands;

    /** @param commands every command, in the order {@code claims-hub --help} lists them */
    public CommandLine(List<Subcommand> commands) {
        this.commands = List.copyOf(commands);
    }

    /** @return the process exit status */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean debug = args.contains("--debug");
        List<String> rest = args.stream().filter(arg -> !arg.equals("--debug")).toList();
        String name = rest.isEmpty() ? "run" : rest.get(0);
        List<String> commandArgs = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
        if (List.of("help", "--help", "-h").contains(name)) {
            Optional<Subcommand> topic = commandArgs.isEmpty() ? Optional.empty() : command(commandArgs.get(0));
            out.print(topic.map(Subcommand::help).orElseGet(this::overview));
            return 0;
        }
        if (name.equals("--version")) {
            out.println("claims-hub " + version());
            return 0;
        }
        Optional<Subcommand> command = command(name);
        if (command.isEmpty()) {
            err.println("claims-hub: unknown command '" + name + "'");
            err.println("Run 'claims-hub --help' for the list of commands.");
            return USAGE;
        }
        if (commandArgs.contains("--help") || commandArgs.contains("-h")) {
            out.print(command.get().help());
            return 0;
        }
        try {
            return command.get().action().run(commandArgs, out, err);
        } catch (UsageException e) {
            err.println("claims-hub: " + e.getMessage());
            err.println("Run 'claims-hub " + name + " --help' for usage.");
            return USAGE;
        } catch (Exception | Error e) {
            CommandException known = CommandException.findIn(e);
            if (known != null) {
                known.problems().forEach(problem -> err.println("claims-hub: " + problem));
            } else {
                err.println("claims-hub: " + name + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                        + (debug ? "" : " (run it again with --debug for the stack trace)"));
            }
            if (debug) {
                e.printStackTrace(err);
            }
            return known != null ? known.exitStatus() : UNEXPECTED;
        }
    }

    private Optional<Subcommand> command(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    /** The text of {@code claims-hub --help}. */
    String overview() {
        StringBuilder text = new StringBuilder("""
                claims-hub: HL7 v2 DFT^P03 charges and JSON claims in, X12 837P claim files out.

                Usage: claims-hub <command> [options]     (from a build: java -jar target/claims-hub.jar ...)

                Commands:
                """);
        commands.forEach(command -> text.append(command.summary()).append('\n'));
        return text.append("""
                  help [COMMAND]
                      This text, or a command's own help (also COMMAND --help).

                Options for every command:
                  --help       the command's help        --version   the version of claims-hub
                  --debug      show the stack trace of a failure (for a bug report)

                DIR defaults to $CLAIMSHUB_CONFIG, else ./config. Relative paths in the config resolve
                against the directory the command runs in. Exit status: docs/cli.md.
                """).toString();
    }

    /** The version this jar was built as (the pom's), or "unknown" when run from unbuilt sources. */
    public static String version() {
        try (InputStream in = CommandLine.class.getResourceAsStream("/io/claimshub/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
