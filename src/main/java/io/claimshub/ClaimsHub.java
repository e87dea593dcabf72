package io.claimshub;

import io.claimshub.cli.CommandLine;
import io.claimshub.cli.ConvertCommand;
import io.claimshub.cli.RedeliverCommand;
import io.claimshub.cli.Subcommand;
import io.claimshub.cli.UserCommand;
import io.claimshub.simulator.SimulatePayerCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The entry point: {@code claims-hub <command>}, one of {@link #COMMANDS} ({@link RunCommand} when none is named). */
public final class ClaimsHub {

    static final List<Subcommand> COMMANDS = List.of(RunCommand.SUBCOMMAND, ConvertCommand.SUBCOMMAND,
            SimulatePayerCommand.SUBCOMMAND, RedeliverCommand.SUBCOMMAND, UserCommand.SUBCOMMAND);

    private ClaimsHub() {
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return new CommandLine(COMMANDS).run(args, out, err);
    }
}
