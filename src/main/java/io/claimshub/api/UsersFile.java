package io.claimshub.api;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The API users file (claimshub.api.users-file), one entry per line:
 * <pre>
 * user.alice = operator pbkdf2-sha256$600000$...$...              # HTTP basic auth as alice
 * key.month-end-report = reader pbkdf2-sha256$600000$...$...      # X-API-Key; the name is what the audit shows
 * user.sam = reader pbkdf2-sha256$600000$...$... clinics=sunrise,north  # only these clinics' claims
 * </pre>
 * The value is the role, the {@link SecretHash}, and optionally the clinics the entry is limited to.
 * Reading uses {@link Properties}; changing keeps every other line (comments included) as it is and
 * replaces the file in one rename, owner-only (0600), so the hub never reads it half-written.
 */
public final class UsersFile {

    /** Names {@code claims-hub user} accepts: they appear in logs, the audit log and the file's keys. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    public enum Kind {
        USER("user."), KEY("key.");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        String key(String name) {
            return prefix + name;
        }
    }

    /** @param clinics the clinic ids the entry may read and submit for; empty means every clinic */
    public record Entry(Kind kind, String name, Role role, SecretHash hash, Set<String> clinics) {
        String line() {
            return kind.key(name) + " = " + role.label() + " " + hash.encoded()
                    + (clinics.isEmpty() ? "" : " clinics=" + String.join(",", clinics));
        }
    }

    /** The entries that could be read, and one message per line that could not (by its key only, never its value). */
    public record Contents(List<Entry> entries, List<String> problems) {
    }

    private final Path file;

    public UsersFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Empty contents when the file does not exist. */
    public Contents read() throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Contents parse(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            try {
                entries.add(entry(key, properties.getProperty(key)));
            } catch (IllegalArgumentException e) {
                problems.add("entry '" + key + "' ignored: " + e.getMessage());
            }
        }
        return new Contents(List.copyOf(entries), List.copyOf(problems));
    }

    private static Entry entry(String key, String value) {
        Kind kind;
        if (key.startsWith("user.") && key.length() > 5) {
            kind = Kind.USER;
        } else if (key.startsWith("key.") && key.length() > 4) {
            kind = Kind.KEY;
        } else {
            throw new IllegalArgumentException("keys are user.<name> or key.<name>");
        }
        String[] parts = value.strip().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("the value must be '<role> <hash>' (and optionally clinics=<id>,<id>)");
        }
        Set<String> clinics = new LinkedHashSet<>();
        for (int i = 2; i < parts.length; i++) {
            if (!parts[i].startsWith("clinics=") || parts[i].length() == 8) {
                throw new IllegalArgumentException("after the hash only clinics=<id>,<id> may follow");
            }
            clinics.addAll(clinicList(parts[i].substring(8)));
        }
        return new Entry(kind, key.substring(kind.prefix.length()), Role.parse(parts[0]), SecretHash.parse(parts[1]),
                Collections.unmodifiableSet(clinics));
    }

    /** {@code a,b} as clinic ids; blank items are refused. */
    public static Set<String> clinicList(String text) {
        Set<String> clinics = new LinkedHashSet<>();
        for (String clinic : text.split(",", -1)) {
            if (clinic.isBlank()) {
                throw new IllegalArgumentException("clinics must be ids separated by commas, like sunrise,north");
            }
            clinics.add(clinic.strip());
        }
        return clinics;
    }

    /**
     * Writes the entry: replaces the line of the same kind and name, or appends one.
     *
     * @param replace false: an existing entry of that name is an error
     * @throws FileAlreadyExistsException when the entry exists and replace is false
     */
    public void put(Entry entry, boolean replace) throws IOException {
        List<String> lines = lines();
        int at = indexOf(lines, entry.kind().key(entry.name()));
        if (at >= 0 && !replace) {
            throw new FileAlreadyExistsException(entry.kind().key(entry.name()));
        }
        if (at >= 0) {
            lines.set(at, entry.line());
        } else {
            lines.add(entry.line());
        }
        write(lines);
    }

    /** @return false when there was no such entry */
    public boolean remove(Kind kind, String name) throws IOException {
        List<String> lines = lines();
        int at = indexOf(lines, kind.key(name));
        if (at < 0) {
            return false;
        }
        lines.remove(at);
        write(lines);
        return true;
    }

    private List<String> lines() throws IOException {
        return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
    }

    /** The line whose key is {@code key} (as Properties reads a simple line: key, then '=', ':' or a space). */
    private static int indexOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.startsWith(key) && line.length() > key.length()
                    && " \t=:".indexOf(line.charAt(key.length())) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Owner-only from its first byte (a temporary file in the same folder), then renamed over the old one. */
    private void write(List<String> lines) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
