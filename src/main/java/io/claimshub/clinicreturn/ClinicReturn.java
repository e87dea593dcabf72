package io.claimshub.clinicreturn;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.replies.AppliedReply;
import io.claimshub.replies.ClaimStatusRecord;
import io.claimshub.replies.ClinicResults;
import io.claimshub.replies.StoredReply;
import io.claimshub.x12.replies.RemittanceCopyWriter;
import io.claimshub.x12.replies.ReplyFile;
import io.claimshub.x12.replies.X12ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Returns an applied reply file to each clinic it concerns, through the clinic's channel ({@code replyTo}):
 * a status record per claim, and the reply file when the clinic may see all of it. A clinic sees only its
 * own patients: when a file is also about other clinics' claims (or unknown ones), an 835 goes to it as a
 * copy with only its claims and PLB lines, a 277CA not at all; a TA1 or 999 (control numbers only) goes as
 * it is.
 */
public final class ClinicReturn implements ClinicResults {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicReturn.class);

    private final PartnerConfig partners;
    private final ClinicReplyChannels channels;
    private final RemittanceCopyWriter copies = new RemittanceCopyWriter();

    public ClinicReturn(PartnerConfig partners, ClinicReplyChannels channels) {
        this.partners = partners;
        this.channels = channels;
    }

    @Override
    public void send(AppliedReply applied) throws IOException {
        ReplyFile file = applied.file();
        Set<String> clinics = new LinkedHashSet<>(applied.statuses().keySet());
        clinics.addAll(applied.shares().keySet());
        for (String clinic : clinics) {
            boolean allTheirs = clinics.size() == 1 && applied.unmatched().isEmpty()
                    && (file.remittances().isEmpty() || applied.shares().get(clinic).isWhole(file));
            sendToClinic(applied.reply(), file, clinic, applied.statuses().getOrDefault(clinic, List.of()), allTheirs,
                    applied.shares().get(clinic));
        }
    }

    private void sendToClinic(StoredReply reply, ReplyFile file, String clinicId, List<ClaimStatusRecord> statuses,
                              boolean allTheirs, RemittanceCopyWriter.Share share) throws IOException {
        ClinicConfig clinic = partners.clinic(clinicId).orElse(null);
        if (clinic == null) {
            LOG.warn("reply for clinic={} that is no longer configured: kept in the ledger only, stored={}", clinicId,
                    reply.baseName());
            return;
        }
        String fileName = kindExtension(safeName(reply.sourceName()), file.kinds());
        byte[] content = reply.body();
        boolean original = true;
        if (!allTheirs) {
            // Other clinics' claims (or unknown ones) are in this file: a clinic sees only its own patients.
            original = false;
            if (share != null && !share.isEmpty()) {
                try {
                    content = copies.write(file, share);
                    fileName = fileName + "-" + clinicId + "-part.835";
                } catch (X12ReplyException e) {
                    throw new IOException("cannot copy the 835 " + reply.baseName() + " for clinic " + clinicId + ": "
                            + e.getMessage(), e);
                }
            } else if (!file.claimAcks().isEmpty() || !file.remittances().isEmpty()) {
                content = null;
                fileName = null;
            } else {
                original = true; // TA1 and 999 carry control numbers only, no patient data
            }
        }
        channels.forClinic(clinic).send(clinic, new ClinicReply(reply.payerId(), reply.baseName(), fileName, content,
                original, statuses));
    }

    /**
     * A reply fetched over SFTP lands as {@code <time>-<hash>.x12} (the remote name is not trusted), so
     * the clinic would not see from the name which file is the 835: a generic {@code .x12} becomes the
     * kind ({@code .835}, {@code .277ca}, {@code .999}, {@code .ta1}, {@code .999-277ca}, ...).
     */
    static String kindExtension(String name, String kinds) {
        if (!name.toLowerCase(Locale.ROOT).endsWith(".x12") || "empty".equals(kinds)) {
            return name;
        }
        return name.substring(0, name.length() - 4) + "." + kinds.toLowerCase(Locale.ROOT).replace('+', '-');
    }

    private static String safeName(String sourceName) {
        String name = sourceName == null ? "reply" : Path.of(sourceName.replace('\\', '/')).getFileName().toString();
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "reply" + name : name;
    }
}
