package io.claimshub.batch;

import io.claimshub.config.PayerConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a payer's batch files are written. A {@code folder} payer gets its 837 files, a {@code paper}
 * payer its CMS-1500 PDFs, straight into its folder, which is the final destination; sftp and http
 * payers get them in {@code <data>/outgoing/<payer>/}, from where the delivery flow sends them.
 */
public final class BatchDestinations {

    private final Path dataDir;

    public BatchDestinations(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path directoryFor(PayerConfig payer) {
        Path folder = finalFolder(payer);
        return folder != null ? folder : dataDir.resolve("outgoing").resolve(payer.id());
    }

    /**
     * Every folder the hub keeps a payer's 837 files in: where they are written, and for sftp and http
     * payers also {@code sent/} and {@code dead/} (DeliveryService moves them there).
     */
    public List<Path> foldersWithFilesOf(PayerConfig payer) {
        Path folder = finalFolder(payer);
        if (folder != null) {
            return List.of(folder);
        }
        return List.of(directoryFor(payer), dataDir.resolve("sent").resolve(payer.id()),
                dataDir.resolve("dead").resolve(payer.id()));
    }

    /** True when writing the file is delivering it. */
    public boolean isFinal(PayerConfig payer) {
        return finalFolder(payer) != null;
    }

    /** The payer's own folder for a folder or paper payer, else null (the delivery flow sends the file). */
    private static Path finalFolder(PayerConfig payer) {
        if (payer.delivery() instanceof PayerConfig.Delivery.Folder folder) {
            return folder.path();
        }
        if (payer.delivery() instanceof PayerConfig.Delivery.Printed printed) {
            return printed.folder();
        }
        return null;
    }
}
