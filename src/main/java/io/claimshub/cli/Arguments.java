package io.claimshub.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments of one subcommand. */
public final class Arguments {

    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new java.util.HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param known the option names (without dashes) this subcommand takes, each followed by a value
     * @throws UsageException for an unknown option or one without its value
     */
    public static Arguments parse(List<String> args, Set<String> known) throws UsageException {
        return parse(args, known, Set.of());
    }

    /** @param knownFlags the option names (without dashes) this subcommand takes without a value */
    public static Arguments parse(List<String> args, Set<String> known, Set<String> knownFlags) throws UsageException {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (knownFlags.contains(name)) {
                    parsed.flags.add(name);
                    continue;
                }
                if (!known.contains(name)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (i + 1 >= args.size()) {
                    throw new UsageException("option " + arg + " needs a value");
                }
                parsed.options.put(name, args.get(++i));
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    public String option(String name) {
        return options.get(name);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** A command line that cannot be carried out as written. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
