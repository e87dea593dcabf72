package io.claimshub.clinicreturn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.claimshub.config.ClinicConfig;
import io.claimshub.replies.ClaimStatusRecord;
import io.claimshub.storage.PrivateFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code replyTo: folder}: writes into the clinic's outbox {@code reply-<base>-<payer file name>} (the
 * reply file) and {@code reply-<base>-claim<id>-<kind>.json} per claim. Each file is written under a
 * temporary name and renamed, so a clinic system polling the outbox never reads half a file.
 */
public final class FolderReplyChannel implements ClinicReplyChannel {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void send(ClinicConfig clinic, ClinicReply reply) throws IOException {
        Path outbox = PrivateFiles.createDirectories(clinic.outbox());
        if (reply.file() != null) {
            write(outbox.resolve("reply-" + reply.baseName() + "-" + reply.fileName()), reply.file());
        }
        for (ClaimStatusRecord status : reply.statuses()) {
            write(outbox.resolve("reply-" + reply.baseName() + "-claim" + status.claimId() + "-" + status.reply() + ".json"),
                    json.writeValueAsBytes(status));
        }
    }

    private static void write(Path target, byte[] content) throws IOException {
        PrivateFiles.writeAtomically(target, content);
    }
}
