package io.claimshub.codesets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The clinic-maintained code-set folder:
 * <pre>
 * codesets/icd10cm/icd10cm_order_2026.txt   one CMS/CDC order file per fiscal year (year from the name)
 * codesets/hcpcs/HCPC2026_JAN_ANWEB.txt     the CMS HCPCS Level II record file
 * codesets/cpt/*.txt                        a licensed CPT list, if the clinic has one
 * </pre>
 * Loaded whole at start-up ({@link #load}, which throws on a malformed file, naming file and line). Files
 * are checked for changes at most every {@code recheck}; a changed folder is loaded again and replaces the
 * snapshot only when every file reads, so a half-copied file never leaves a half-loaded set.
 */
public final class CodeSetFolder {

    private static final Logger LOG = LoggerFactory.getLogger(CodeSetFolder.class);

    private final Path folder;
    private final Clock clock;
    private final Duration recheck;
    private volatile Snapshot snapshot;
    private volatile Instant checkedAt;

    private record Snapshot(CodeSets codeSets, Map<Path, String> fingerprint) {
    }

    private CodeSetFolder(Path folder, Clock clock, Duration recheck, Snapshot snapshot) {
        this.folder = folder;
        this.clock = clock;
        this.recheck = recheck;
        this.snapshot = snapshot;
        this.checkedAt = clock.instant();
    }

    /** Loads the folder (which may be absent: shape-only checks) or throws {@link CodeSetException}. */
    public static CodeSetFolder load(Path folder, Clock clock, Duration recheck) {
        CodeSetFolder loaded = new CodeSetFolder(folder, clock, recheck, read(folder));
        // Said once, at start-up: claims of a fiscal year without its file are checked by shape only.
        if (loaded.missingRecentFiscalYears().isEmpty()) {
            LOG.info("code sets: {}", loaded.summary());
        } else {
            LOG.warn("code sets: {}", loaded.summary());
        }
        return loaded;
    }

    /** The current snapshot, reloaded first when a file changed since the last look. */
    public CodeSets current() {
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(recheck) >= 0) {
            checkedAt = now;
            reloadIfChanged();
        }
        return snapshot.codeSets();
    }

    private synchronized void reloadIfChanged() {
        Map<Path, String> now;
        try {
            now = fingerprint(folder);
        } catch (IOException e) {
            LOG.warn("code sets: cannot list {}: {}; keeping the sets loaded", folder, e.getMessage());
            return;
        }
        if (now.equals(snapshot.fingerprint())) {
            return;
        }
        try {
            snapshot = read(folder);
            LOG.info("code sets reloaded: {}", summary());
        } catch (CodeSetException | UncheckedIOException e) {
            LOG.error("code sets not reloaded, the sets loaded before stay in use: {}", e.getMessage());
        }
    }

    /**
     * What is loaded and what is checked by shape only, in one sentence for the start-up log and the
     * health details.
     */
    public String summary() {
        CodeSets sets = snapshot.codeSets();
        List<String> parts = new ArrayList<>();
        List<Integer> years = sets.icd10cmFiscalYears();
        int currentYear = FiscalYear.of(LocalDate.now(clock));
        if (years.isEmpty()) {
            parts.add("ICD-10-CM: no order file in " + folder.resolve("icd10cm") + ", diagnosis codes are checked by shape only");
        } else {
            parts.add("ICD-10-CM for " + String.join(", ", years.stream().map(y -> "FY" + y).toList())
                    + " (other fiscal years are checked by shape only"
                    + (years.contains(currentYear) ? "" : "; the current FY" + currentYear + " has no file") + ")");
        }
        parts.add(sets.hasHcpcs() ? "HCPCS Level II loaded" : "HCPCS: no file, codes checked by shape only");
        parts.add(sets.hasCpt() ? "CPT list loaded" : "CPT: no licensed list, codes checked by shape only");
        parts.add("place of service: CMS list shipped with the hub");
        return String.join("; ", parts);
    }

    /** Fiscal years without an ICD-10-CM file among the current one and the one before (timely filing reaches it). */
    public List<Integer> missingRecentFiscalYears() {
        int current = FiscalYear.of(LocalDate.now(clock));
        List<Integer> years = snapshot.codeSets().icd10cmFiscalYears();
        return Stream.of(current - 1, current).filter(y -> !years.contains(y)).toList();
    }

    private static Snapshot read(Path folder) {
        try {
            Map<Path, String> fingerprint = fingerprint(folder);
            Map<Integer, Map<String, Boolean>> icd = new HashMap<>();
            for (Path file : files(folder.resolve("icd10cm"))) {
                int year = Icd10CmOrderFile.fiscalYear(file);
                if (year < 0) {
                    throw new CodeSetException(file, 0, "the file name has no fiscal year; keep CMS's name, e.g. icd10cm_order_2026.txt");
                }
                if (icd.put(year, Icd10CmOrderFile.read(file)) != null) {
                    throw new CodeSetException(file, 0, "a second ICD-10-CM file for FY" + year + "; keep one per fiscal year");
                }
            }
            Set<String> hcpcs = null;
            for (Path file : files(folder.resolve("hcpcs"))) {
                hcpcs = union(hcpcs, ProcedureCodeFile.readHcpcs(file));
            }
            Set<String> cpt = null;
            for (Path file : files(folder.resolve("cpt"))) {
                cpt = union(cpt, ProcedureCodeFile.readCpt(file));
            }
            return new Snapshot(new CodeSets(icd, hcpcs, cpt), fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code-set folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> union(Set<String> sofar, Set<String> more) {
        Set<String> all = sofar == null ? new HashSet<>() : sofar;
        all.addAll(more);
        return all;
    }

    /** The .txt files of a sub-folder, sorted; none when it does not exist. */
    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".txt"))
                    .sorted().toList();
        }
    }

    private static Map<Path, String> fingerprint(Path folder) throws IOException {
        Map<Path, String> fingerprint = new HashMap<>();
        for (String sub : List.of("icd10cm", "hcpcs", "cpt")) {
            for (Path file : files(folder.resolve(sub))) {
                fingerprint.put(file, Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return fingerprint;
    }
}
