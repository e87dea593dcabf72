package io.claimshub.cli;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Accepted claims parked on disk, one JSON line each, per payer and clinic, until their payer's 837 file
 * gets to their clinic: {@code convert} writes the first clinic's claims of a payer as they come and keeps
 * only the others here, so that its memory does not depend on how many claims a file holds.
 */
final class ClaimSpool implements Closeable {

    private final Path directory;
    private final Map<String, Map<String, Spooled>> byPayer = new LinkedHashMap<>();

    private ClaimSpool(Path directory) {
        this.directory = directory;
    }

    static ClaimSpool create() throws IOException {
        return new ClaimSpool(Files.createTempDirectory("claims-hub-convert"));
    }

    void add(String payerId, String clinicId, Claim claim) {
        Spooled spooled = byPayer.computeIfAbsent(payerId, id -> new LinkedHashMap<>())
                .computeIfAbsent(clinicId, id -> open(payerId, clinicId));
        try {
            spooled.writer.write(ClaimJson.write(claim));
            spooled.writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clinic ids with claims for this payer, in the order they first appeared. */
    List<String> clinics(String payerId) {
        return new ArrayList<>(byPayer.getOrDefault(payerId, Map.of()).keySet());
    }

    /** Streams the spooled claims back, in the order they were added. */
    Iterator<Claim> claims(String payerId, String clinicId) throws IOException {
        Spooled spooled = byPayer.get(payerId).get(clinicId);
        spooled.writer.flush();
        BufferedReader reader = Files.newBufferedReader(spooled.file, StandardCharsets.UTF_8);
        return new Iterator<>() {
            private String next = readLine();

            private String readLine() {
                try {
                    String line = reader.readLine();
                    if (line == null) {
                        reader.close();
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Claim next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Claim claim = ClaimJson.read(next);
                next = readLine();
                return claim;
            }
        };
    }

    private Spooled open(String payerId, String clinicId) {
        Path file = directory.resolve(payerId + "--" + clinicId + ".jsonl");
        try {
            return new Spooled(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Map<String, Spooled> clinics : byPayer.values()) {
            for (Spooled spooled : clinics.values()) {
                spooled.writer.close();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static final class Spooled {
        private final Path file;
        private final BufferedWriter writer;

        private Spooled(Path file, BufferedWriter writer) {
            this.file = file;
            this.writer = writer;
        }
    }
}
