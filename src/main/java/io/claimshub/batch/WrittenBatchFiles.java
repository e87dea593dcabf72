package io.claimshub.batch;

import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.LedgerContinuity.WrittenFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The 837 files the hub wrote for each payer that are still in its folders, found by their names
 * ({@link BatchFileNames}): what a new or restored ledger must not ignore.
 */
public final class WrittenBatchFiles {

    private final BatchDestinations destinations;

    public WrittenBatchFiles(BatchDestinations destinations) {
        this.destinations = destinations;
    }

    public WrittenFiles of(PayerConfig payer) {
        int count = 0;
        long highest = 0;
        for (Path folder : destinations.foldersWithFilesOf(payer)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    OptionalLong number = BatchFileNames.controlNumber(payer.id(), file.getFileName().toString());
                    if (number.isPresent()) {
                        count++;
                        highest = Math.max(highest, number.getAsLong());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return new WrittenFiles(payer.id(), count, highest);
    }

    public List<WrittenFiles> of(List<PayerConfig> payers) {
        List<WrittenFiles> all = new ArrayList<>();
        for (PayerConfig payer : payers) {
            all.add(of(payer));
        }
        return all;
    }
}
