package io.claimshub.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fills a payer's {@code fileName} template: {file} the hub's file name, {name} the same without its
 * extension, {payer} the payer id, {isa13} the 9-digit interchange control number, {timestamp} the
 * batch's UTC creation time as yyyyMMddHHmmss.
 */
final class RemoteNameTemplate {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private RemoteNameTemplate() {
    }

    static String of(String template, String fileName, String payerId, long isa13, Instant createdAt) {
        int dot = fileName.lastIndexOf('.');
        return template
                .replace("{file}", fileName)
                .replace("{name}", dot > 0 ? fileName.substring(0, dot) : fileName)
                .replace("{payer}", payerId)
                .replace("{isa13}", String.format("%09d", isa13))
                .replace("{timestamp}", TIMESTAMP.format(createdAt));
    }
}
