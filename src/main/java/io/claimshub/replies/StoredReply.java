package io.claimshub.replies;

import java.nio.file.Path;

/**
 * One payer reply file as the hub holds it before reading it: the content, the hub's copy and its row in
 * the ledger.
 *
 * @param sourceName where it came from (a file name, a URL), for logs and names only
 * @param baseName   the hub's name for it ({@code <utc>-<sha256 prefix>}), shared by every copy made of it
 * @param path       the hub's copy, {@code data/replies/received/<payer>/<baseName>.x12}
 * @param fileId     its row in the ledger's reply files
 * @param storedName the copy's path under {@code data/replies/}, as the ledger records it
 */
public record StoredReply(String payerId, byte[] body, String sourceName, String baseName, Path path, long fileId,
                          String storedName) {
}
