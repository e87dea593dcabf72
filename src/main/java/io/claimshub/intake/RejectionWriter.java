package io.claimshub.intake;

import io.claimshub.storage.PrivateFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the clinic why a claim or message was not accepted: a JSON record and a text file with one
 * line per reason, side by side in the clinic's outbox. Files appear atomically (written under a
 * dot-name, then renamed) so a watcher on the outbox never reads half a file.
 */
public final class RejectionWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = ClaimJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public RejectionWriter(Clock clock) {
        this.clock = clock;
    }

    /** Writes the pair of files and returns the JSON file's path. */
    public Path write(ClinicConfig clinic, SourceRef source, IntakeResult result) {
        return write(clinic, source, result, "rejected",
                result.kind() == IntakeResult.Kind.UNREADABLE ? "unreadable" : "rejected");
    }

    /** The same pair of files, named notice-…, for a claim that was accepted but needs the clinic's attention. */
    public Path writeNotice(ClinicConfig clinic, SourceRef source, IntakeResult result) {
        return write(clinic, source, result, "notice", "accepted with a notice");
    }

    private Path write(ClinicConfig clinic, SourceRef source, IntakeResult result, String prefix, String status) {
        String base = prefix + "-" + STAMP.format(clock.instant()) + "-" + sequence.incrementAndGet() + "-"
                + safe(result.claimId() != null ? "claim" + result.claimId() : "msg" + source.ordinal());
        try {
            PrivateFiles.createDirectories(clinic.outbox());
            Path json = clinic.outbox().resolve(base + ".json");
            writeAtomically(json, JSON.writeValueAsString(record(clinic, source, result, status)));
            writeAtomically(clinic.outbox().resolve(base + ".txt"), lines(source, result));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejection to outbox of clinic " + clinic.id(), e);
        }
    }

    private static Map<String, Object> record(ClinicConfig clinic, SourceRef source, IntakeResult result,
                                              String status) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("clinic", clinic.id());
        record.put("status", status);
        record.put("claimId", result.claimId());
        record.put("patientControlNumber", result.clm01());
        record.put("payer", result.payerId());
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("kind", source.kind());
        from.put("name", source.name());
        from.put("message", source.ordinal());
        from.put("controlId", source.controlId());
        record.put("source", from);
        record.put("reasons", result.reasons().stream().map(RejectionWriter::reason).toList());
        return record;
    }

    private static Map<String, String> reason(Reason reason) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("where", reason.where());
        map.put("code", reason.code());
        map.put("message", reason.message());
        map.put("text", reason.text());
        return map;
    }

    private static String lines(SourceRef source, IntakeResult result) {
        StringBuilder text = new StringBuilder();
        String prefix = source.describe() + (result.clm01() == null ? "" : " claim " + result.clm01());
        List<Reason> reasons = result.reasons();
        for (Reason reason : reasons) {
            text.append(prefix).append(": ").append(reason.text()).append('\n');
        }
        return text.toString();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        PrivateFiles.writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
