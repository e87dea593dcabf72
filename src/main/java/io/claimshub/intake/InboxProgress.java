package io.claimshub.intake;

import io.claimshub.storage.PrivateFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/**
 * How far the hub got in an inbox file it had to leave unfinished (the hub stopped, or the file grew
 * while it was read): {@code .progress/<file name>} beside the file, holding the number of items taken
 * and the file's size then. No entry means start at the first item.
 */
final class InboxProgress {

    private final Path record;

    InboxProgress(Path file) {
        this.record = file.resolveSibling(".progress").resolve(file.getFileName().toString());
    }

    /**
     * Items already taken from the file; 0 when none were, or when the file is now smaller than it was
     * (another file under the same name: read it all, the ledger keeps resent claims from doubling).
     */
    int itemsTaken(long sizeNow) {
        Properties saved = new Properties();
        try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            saved.load(in);
        } catch (NoSuchFileException none) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + record, e);
        }
        try {
            long size = Long.parseLong(saved.getProperty("size", "-1"));
            int items = Integer.parseInt(saved.getProperty("items", "0"));
            return sizeNow < size ? 0 : Math.max(0, items);
        } catch (NumberFormatException damaged) {
            return 0;
        }
    }

    /** Written under a temporary name and renamed, so a stop while writing never leaves half a record. */
    void save(int items, BasicFileAttributes file) {
        Properties progress = new Properties();
        progress.setProperty("items", Integer.toString(items));
        progress.setProperty("size", Long.toString(file.size()));
        try {
            StringWriter text = new StringWriter();
            progress.store(text, "items of this inbox file already taken; the rest are read at the next look");
            PrivateFiles.writeAtomically(record, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + record, e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + record, e);
        }
    }
}
