package io.claimshub.cli;

import io.claimshub.api.Role;
import io.claimshub.api.SecretHash;
import io.claimshub.api.UsersFile;
import io.claimshub.api.UsersFile.Entry;
import io.claimshub.api.UsersFile.Kind;
import io.claimshub.cli.Arguments.UsageException;
import io.claimshub.config.PartnerConfigLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * {@code claims-hub user add|key|list|remove}: the API users file without hand-made hashes. Passwords and
 * keys are generated (or, for a password, read from stdin), shown once, and only their hash is written.
 * The running hub picks up the change without a restart.
 */
public final class UserCommand {

    public static final String USAGE = """
            Usage: claims-hub user <action> [options]

              user add NAME --role ROLE [--clinics ID,ID] [--password-stdin] [--replace]
                  A user who logs in to the API and dashboard with NAME and a password. The password is
                  generated and printed once, or read from stdin (--password-stdin, or when stdin is a
                  pipe: printf '%s' "$pw" | claims-hub user add NAME --role reader). --replace sets a new
                  password (and role, clinics) for an existing user.
              user key NAME --role ROLE [--clinics ID,ID] [--replace]
                  An API key for a program (X-API-Key header), generated and printed once.
              user list
                  Every user and key with role, clinics and whether its hash is outdated.
              user remove NAME
                  Removes the user and the key called NAME.

              ROLE is reader (read only), operator (also resubmit and redeliver) or admin (also the audit
              log). --clinics limits the entry to those clinics' claims. Options for every action:
              --config DIR (where application.properties names claimshub.api.users-file; default
              $CLAIMSHUB_CONFIG, else ./config) or --users-file FILE.

            Exit status:
              0  done
              2  the command line is wrong, the password from stdin is too short, the user or key
                 exists (without --replace) or does not, or the users file cannot be changed or read

            Examples:
              claims-hub user add alice --role operator
              claims-hub user key billing-export --role reader --clinics sunrise
            """;

    public static final Subcommand SUBCOMMAND = new Subcommand("user", """
              user add NAME --role ROLE | user key NAME --role ROLE | user list | user remove NAME
                  API users and keys without hand-made hashes: a password or key is generated and
                  printed once, only its hash is written (claims-hub user --help shows the options).
            """, USAGE, (args, out, err) -> new UserCommand(out, err, System.in, stdinPiped())
                    .run(args, PartnerConfigLoader.resolveConfigDir(null)));

    static final int OK = 0;
    static final int FAILED = 2;
    private static final int MIN_PASSWORD = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final boolean stdinPiped;

    /** @param stdinPiped whether stdin is a pipe or a file (then a password is read from it) */
    public UserCommand(PrintStream out, PrintStream err, InputStream in, boolean stdinPiped) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.stdinPiped = stdinPiped;
    }

    /** @param args what follows {@code user} on the command line */
    public int run(List<String> args, Path defaultConfigDir) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("user needs an action: add, key, list or remove");
        }
        if (List.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(USAGE);
            return OK;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        boolean passwordStdin = rest.remove("--password-stdin");
        boolean replace = rest.remove("--replace");
        Arguments arguments = Arguments.parse(rest, Set.of("role", "clinics", "config", "users-file"));
        UsersFile file = new UsersFile(usersFile(arguments, defaultConfigDir));
        try {
            return switch (args.get(0)) {
                case "add" -> add(file, Kind.USER, name(arguments), arguments, passwordStdin || stdinPiped, replace);
                case "key" -> add(file, Kind.KEY, name(arguments), arguments, false, replace);
                case "list" -> list(file);
                case "remove" -> remove(file, name(arguments));
                default -> throw new UsageException("unknown user action '" + args.get(0) + "': use add, key, list or remove");
            };
        } catch (IOException e) {
            err.println("claims-hub: cannot change " + file.path() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return FAILED;
        }
    }

    private int add(UsersFile file, Kind kind, String name, Arguments arguments, boolean fromStdin, boolean replace)
            throws UsageException, IOException {
        if (arguments.option("role") == null) {
            throw new UsageException("user " + (kind == Kind.USER ? "add" : "key") + " needs --role reader, operator or admin");
        }
        Role role;
        Set<String> clinics;
        try {
            role = Role.parse(arguments.option("role"));
            clinics = arguments.option("clinics") == null ? Set.of() : UsersFile.clinicList(arguments.option("clinics"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String secret;
        if (kind == Kind.KEY) {
            secret = name + "." + random();
        } else if (fromStdin) {
            secret = readPassword();
            if (secret == null) {
                return FAILED;
            }
        } else {
            secret = random();
        }
        try {
            file.put(new Entry(kind, name, role, SecretHash.parse(SecretHash.create(secret)), clinics), replace);
        } catch (FileAlreadyExistsException e) {
            err.println("claims-hub: " + (kind == Kind.USER ? "user " : "key ") + name + " exists in " + file.path()
                    + ": add --replace to give it a new " + (kind == Kind.USER ? "password" : "key"));
            return FAILED;
        }
        String what = (kind == Kind.USER ? "user " : "key ") + name + " (" + role.label()
                + (clinics.isEmpty() ? "" : ", clinics " + String.join(",", clinics)) + ")";
        if (kind == Kind.KEY) {
            out.println("API key for " + what + ", shown only now (send it as the X-API-Key header):");
            out.println(secret);
        } else if (!fromStdin) {
            out.println("password for " + what + ", shown only now:");
            out.println(secret);
        } else {
            out.println(what + " saved");
        }
        err.println("written to " + file.path() + "; a running hub picks it up without a restart");
        return OK;
    }

    private int list(UsersFile file) throws IOException {
        UsersFile.Contents contents = file.read();
        if (contents.entries().isEmpty()) {
            out.println("no users or keys in " + file.path() + ": add one with claims-hub user add NAME --role operator");
        }
        for (Entry entry : contents.entries()) {
            out.printf("%-4s %-24s %-8s %-20s %s%n", entry.kind() == Kind.USER ? "user" : "key", entry.name(),
                    entry.role().label(), entry.clinics().isEmpty() ? "all clinics" : String.join(",", entry.clinics()),
                    entry.hash().outdated() ? "OUTDATED HASH: log in once, or set a new secret with --replace" : "ok");
        }
        contents.problems().forEach(problem -> err.println(file.path() + ": " + problem));
        return contents.problems().isEmpty() ? OK : FAILED;
    }

    private int remove(UsersFile file, String name) throws IOException {
        boolean user = file.remove(Kind.USER, name);
        boolean key = file.remove(Kind.KEY, name);
        if (!user && !key) {
            err.println("claims-hub: no user or key " + name + " in " + file.path());
            return FAILED;
        }
        out.println((user ? "user " : "") + (user && key ? "and " : "") + (key ? "key " : "") + name + " removed");
        return OK;
    }

    /** The password on stdin: its first line (a pipe's trailing newline is not part of it). */
    private String readPassword() throws IOException {
        Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        for (int c = reader.read(); c >= 0 && c != '\n' && c != '\r'; c = reader.read()) {
            text.append((char) c);
        }
        if (text.length() < MIN_PASSWORD) {
            err.println("claims-hub: the password on stdin has " + text.length() + " characters; at least "
                    + MIN_PASSWORD + " are needed (or leave stdin alone to get a generated one)");
            return null;
        }
        return text.toString();
    }

    private static String name(Arguments arguments) throws UsageException {
        if (arguments.positional().size() != 1) {
            throw new UsageException("give exactly one NAME");
        }
        String name = arguments.positional().get(0);
        if (!UsersFile.NAME.matcher(name).matches()) {
            throw new UsageException("a name has 1 to 64 letters, digits and . _ @ - (and starts with a letter or digit)");
        }
        return name;
    }

    /** 24 random bytes (192 bits), base64url: 32 characters. */
    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** --users-file, else claimshub.api.users-file of DIR/application.properties, else config/api-users.properties. */
    private static Path usersFile(Arguments arguments, Path defaultConfigDir) throws UsageException {
        if (arguments.option("users-file") != null) {
            return Path.of(arguments.option("users-file"));
        }
        Path configDir = arguments.option("config") != null ? Path.of(arguments.option("config")) : defaultConfigDir;
        Path settings = configDir.resolve("application.properties");
        String configured = null;
        if (Files.isReadable(settings)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UsageException("cannot read " + settings + ": " + e.getClass().getSimpleName());
            }
            configured = properties.getProperty("claimshub.api.users-file");
        }
        if (configured != null && configured.contains("{{")) {
            throw new UsageException(settings + " sets claimshub.api.users-file with a placeholder: name the file with --users-file");
        }
        return Path.of(configured == null || configured.isBlank() ? "config/api-users.properties" : configured.strip());
    }

    /**
     * Whether stdin is a pipe or a regular file (Linux: where /proc/self/fd/0 points). A terminal, /dev/null
     * or a system where this cannot be told is not: a password is then generated unless --password-stdin.
     */
    public static boolean stdinPiped() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            return target.toString().startsWith("pipe:") || Files.isRegularFile(target);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
