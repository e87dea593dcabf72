package io.claimshub.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The file of an H2 ledger in file mode. H2 keeps writing to the file it opened even after it was
 * deleted or replaced on disk, and everything written from then on is lost at the next start: readiness
 * watches it so such a hub stops being sent work.
 */
public final class LedgerFile {

    private final Path file;
    private final Object identity;

    private LedgerFile(Path file) {
        this.file = file;
        this.identity = identity(file);
    }

    /** The file behind an H2 file URL ({@code jdbc:h2:file:./data/ledger/claims;…}); empty for other databases. */
    public static Optional<LedgerFile> of(String jdbcUrl) {
        return path(jdbcUrl).map(LedgerFile::new);
    }

    static Optional<Path> path(String jdbcUrl) {
        if (!jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(8);
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            name = name.substring(5);
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name + ".mv.db").toAbsolutePath().normalize());
    }

    /** Why the file is not the one the hub opened any more; empty while it is. */
    public Optional<String> problem() {
        if (!Files.exists(file)) {
            return Optional.of("the ledger file " + file + " is gone: claims recorded from now on would be lost."
                    + " Stop the hub and restore the file from its backup");
        }
        Object now = identity(file);
        if (identity != null && now != null && !Objects.equals(identity, now)) {
            return Optional.of("the ledger file " + file + " was replaced while the hub had it open: stop the hub,"
                    + " then start it on the file it should use");
        }
        return Optional.empty();
    }

    private static Object identity(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }
}
