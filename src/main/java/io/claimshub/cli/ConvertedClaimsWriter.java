package io.claimshub.cli;

import io.claimshub.claim.Claim;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.storage.PrivateFiles;
import io.claimshub.x12.Claim837Writer;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes {@code convert}'s output: a {@code <payer>.837} file per payer with claims, one transaction set per
 * clinic and per {@code batch.maxClaims} claims, the clinics in the order they first appear. Offline output
 * carries control number 1: it is for inspection and testing, the hub's own files take theirs from the
 * ledger's counters.
 *
 * <p>Each claim is written once, as it is converted: the claims of the first clinic seen for a payer go
 * straight into that payer's file, which is how a file from one clinic converts. Only the claims of a
 * further clinic wait in a {@link ClaimSpool} (their sets follow the first clinic's), so memory stays flat
 * however many claims a file holds. The files are written under a temporary name in the output folder and
 * renamed into place when complete, so a run that stops halfway leaves no half-written 837 behind.
 */
public final class ConvertedClaimsWriter {

    private final Claim837Writer writer = new Claim837Writer();
    private final Clock clock;

    public ConvertedClaimsWriter(Clock clock) {
        this.clock = clock;
    }

    /** The output of one run into {@code outDir}, which exists. */
    Run start(Path outDir) {
        return new Run(outDir);
    }

    /** One run's payer files; closing it without {@link #finish} removes what was written. */
    final class Run implements Closeable {

        private final Path outDir;
        private final Map<String, PayerFile> files = new LinkedHashMap<>();
        private ClaimSpool spool;

        private Run(Path outDir) {
            this.outDir = outDir;
        }

        void add(PayerConfig payer, ClinicConfig clinic, Claim claim) throws IOException {
            PayerFile file = files.get(payer.id());
            if (file == null) {
                file = new PayerFile(payer, clinic.id(), outDir.resolve(payer.id() + ".837"));
                files.put(payer.id(), file);
            }
            if (file.firstClinicId.equals(clinic.id())) {
                file.append(clinic, claim);
            } else {
                if (spool == null) {
                    spool = ClaimSpool.create();
                }
                spool.add(payer.id(), clinic.id(), claim);
            }
        }

        /**
         * Writes the spooled claims after the first clinic's, completes every file and renames it into place.
         *
         * @return how many claims went to {@code target} for this payer; 0, and no file, when the payer has none
         */
        int finish(PayerConfig payer, Path target, PartnerConfig partners) throws IOException {
            PayerFile file = files.get(payer.id());
            if (file == null) {
                return 0;
            }
            if (spool != null) {
                for (String clinicId : spool.clinics(payer.id())) {
                    ClinicConfig clinic = partners.clinic(clinicId).orElseThrow();
                    for (Iterator<Claim> claims = spool.claims(payer.id(), clinicId); claims.hasNext(); ) {
                        file.append(clinic, claims.next());
                    }
                }
            }
            file.complete(target);
            return file.claims;
        }

        @Override
        public void close() throws IOException {
            for (PayerFile file : files.values()) {
                file.discard();
            }
            if (spool != null) {
                spool.close();
            }
        }
    }

    /** One payer's file while it is written under its temporary name. */
    private final class PayerFile {

        private final PayerConfig payer;
        private final String firstClinicId;
        private final Path temp;
        private final OutputStream out;
        private final Claim837Writer.Output output;
        private String setClinicId;
        private int sets;
        private int claimsInSet;
        private int claims;
        private boolean completed;

        private PayerFile(PayerConfig payer, String firstClinicId, Path target) throws IOException {
            this.payer = payer;
            this.firstClinicId = firstClinicId;
            this.temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            this.out = new BufferedOutputStream(Channels.newOutputStream(PrivateFiles.open(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
            try {
                this.output = writer.open(payer, 1, LocalDateTime.now(clock), "1", out);
            } catch (IOException | RuntimeException e) {
                discard();
                throw e;
            }
        }

        /** The claim in the current set, or in a new one when the clinic changes or the set is full. */
        private void append(ClinicConfig clinic, Claim claim) throws IOException {
            if (setClinicId != null && (!setClinicId.equals(clinic.id()) || claimsInSet == payer.batch().maxClaims())) {
                output.endSet();
                setClinicId = null;
            }
            if (setClinicId == null) {
                output.startSet(String.format("%04d", ++sets), clinic);
                setClinicId = clinic.id();
                claimsInSet = 0;
            }
            output.claim(claim);
            claimsInSet++;
            claims++;
        }

        private void complete(Path target) throws IOException {
            if (setClinicId != null) {
                output.endSet();
                setClinicId = null;
            }
            output.finish();
            out.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            completed = true;
        }

        private void discard() throws IOException {
            if (!completed) {
                out.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
