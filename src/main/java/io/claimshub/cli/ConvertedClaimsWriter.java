package io.claimshub.cli;

import io.claimshub.claim.Claim;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.Interchange837;
import io.claimshub.x12.TransactionSet837;
import io.claimshub.storage.PrivateFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Writes {@code convert}'s output: a {@code <payer>.837} file per payer with claims, one transaction set per
 * clinic and per {@code batch.maxClaims} claims. Offline output carries control number 1: it is for
 * inspection and testing, the hub's own files take theirs from the ledger's counters.
 */
public final class ConvertedClaimsWriter {

    private final Claim837Writer writer = new Claim837Writer();
    private final Clock clock;

    public ConvertedClaimsWriter(Clock clock) {
        this.clock = clock;
    }

    /** @return how many claims were written to {@code target}; 0, and no file, when the payer has none */
    int write(PayerConfig payer, ClaimSpool spool, Path target, PartnerConfig partners) throws IOException {
        List<String> clinics = spool.clinics(payer.id());
        if (clinics.isEmpty()) {
            return 0;
        }
        int written = 0;
        List<TransactionSet837> sets = new ArrayList<>();
        for (String clinicId : clinics) {
            int count = spool.count(payer.id(), clinicId);
            written += count;
            int perSet = payer.batch().maxClaims();
            Iterator<Claim> claims = spool.claims(payer.id(), clinicId);
            for (int start = 0; start < count; start += perSet) {
                int size = Math.min(perSet, count - start);
                sets.add(new TransactionSet837(String.format("%04d", sets.size() + 1),
                        partners.clinic(clinicId).orElseThrow(), next(claims, size)));
            }
        }
        Interchange837 file = new Interchange837(payer, 1, LocalDateTime.now(clock), "1", sets);
        try (OutputStream out = new BufferedOutputStream(Channels.newOutputStream(PrivateFiles.open(target,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)))) {
            writer.write(file, out);
        }
        return written;
    }

    /** The next {@code size} claims of a shared iterator, read only when the writer gets to them. */
    private static Iterable<Claim> next(Iterator<Claim> claims, int size) {
        return () -> new Iterator<>() {
            private int left = size;

            @Override
            public boolean hasNext() {
                return left > 0 && claims.hasNext();
            }

            @Override
            public Claim next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return claims.next();
            }
        };
    }

}
