package io.claimshub.pickup;

import io.claimshub.hashing.Sha256;
import io.claimshub.storage.PrivateFiles;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Stores one reply file fetched from a payer under a name the hub makes, durably, before the remote
 * copy may be removed:
 * <pre>
 * data/replies/incoming/&lt;payer&gt;/&lt;UTC time&gt;-&lt;first 16 hex of sha256&gt;.x12   the reply, for the reply reader
 * data/replies/pickup/&lt;payer&gt;/received/&lt;sha256&gt;.json                     what was fetched: remote name, size, time
 * data/replies/pickup/&lt;payer&gt;/tmp/                                        downloads in progress
 * </pre>
 * The content is written to tmp/, fsync'ed, then renamed into incoming/ in one step, so the reply
 * reader never sees half a file. The record, keyed by the full sha256, is what makes a second
 * pickup of the same content a no-op: it survives restarts and the reader moving the file away.
 * The record is written after the rename, so a crash between the two can land a file twice
 * (the reply reader ignores a repeated reply) but never records a file that is not there.
 * No Camel here: the route hands over the stream.
 */
public final class ReplyLanding {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyLanding.class);
    private static final Pattern PAYER_ID = Pattern.compile("[a-z0-9-]+");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /** What happened to one fetched file. */
    public enum Outcome { LANDED, DUPLICATE }

    /** @param file the landed file (for a duplicate: the name it landed under the first time) */
    public record Result(Outcome outcome, String file, String sha256, long size) {
    }

    private final Path dataDir;
    private final long maxBytes;
    private final Clock clock;
    private final PickupCounters counters;
    /** Non-ASCII escaped too: a remote name's bidi overrides or line separators stay inert in any viewer. */
    private final ObjectMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    /** @param maxBytes a larger file is refused (it stays on the server) so one bad file cannot fill the disk */
    public ReplyLanding(Path dataDir, long maxBytes, Clock clock, PickupCounters counters) {
        this.dataDir = dataDir;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.counters = counters;
    }

    public Path incomingDir(String payerId) {
        return dataDir.resolve("replies").resolve("incoming").resolve(checkedPayer(payerId));
    }

    public Path receivedDir(String payerId) {
        return dataDir.resolve("replies").resolve("pickup").resolve(checkedPayer(payerId)).resolve("received");
    }

    private Path tmpDir(String payerId) {
        return dataDir.resolve("replies").resolve("pickup").resolve(checkedPayer(payerId)).resolve("tmp");
    }

    /**
     * Stores {@code content} and records it. Returns only when both are on disk; any exception means
     * nothing was recorded and the remote file must stay where it is.
     *
     * @param remoteName the name the server listed (already checked by {@link RemoteFileNames}); kept in the record only
     */
    public Result land(String payerId, String remoteName, InputStream content) throws IOException {
        Path tmpDir = PrivateFiles.createDirectories(tmpDir(payerId));
        Path incoming = PrivateFiles.createDirectories(incomingDir(payerId));
        Path received = PrivateFiles.createDirectories(receivedDir(payerId));
        Path tmp = tmpDir.resolve(UUID.randomUUID() + ".part");
        try {
            MessageDigest sha = Sha256.digest();
            long size = copy(content, tmp, sha);
            String hash = HexFormat.of().formatHex(sha.digest());
            Path record = received.resolve(hash + ".json");
            if (Files.exists(record)) {
                String first = json.readTree(record.toFile()).path("file").asText();
                counters.of(payerId).countDuplicate();
                LOG.info("reply pickup {}: {} ({} bytes, sha256 {}) was picked up before as {}; not stored again,"
                        + " the remote copy is removed", payerId, RemoteFileNames.render(remoteName), size, hash, first);
                return new Result(Outcome.DUPLICATE, first, hash, size);
            }
            Instant now = clock.instant();
            String name = STAMP.format(now) + "-" + hash.substring(0, 16) + ".x12";
            Path target = incoming.resolve(name);
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "a landed reply already has this name");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(incoming);
            writeRecord(record, tmpDir, payerId, remoteName, name, size, hash, now);
            counters.of(payerId).countLanded();
            LOG.info("reply pickup {}: {} ({} bytes, sha256 {}) stored as {}", payerId,
                    RemoteFileNames.render(remoteName), size, hash, target);
            return new Result(Outcome.LANDED, name, hash, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private long copy(InputStream content, Path tmp, MessageDigest sha) throws IOException {
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (FileChannel channel = PrivateFiles.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            for (int n; (n = content.read(buffer)) >= 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new IOException("the file is larger than " + maxBytes + " bytes (claimshub.replies.max-bytes)");
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.flush();
            channel.force(true);
        }
        return size;
    }

    private void writeRecord(Path record, Path tmpDir, String payerId, String remoteName, String file, long size,
                             String hash, Instant at) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("payer", payerId);
        fields.put("remoteName", remoteName);
        fields.put("file", file);
        fields.put("size", size);
        fields.put("sha256", hash);
        fields.put("receivedAt", at.toString());
        Path tmp = tmpDir.resolve(UUID.randomUUID() + ".json.part");
        try {
            try (FileChannel channel = PrivateFiles.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(json.writeValueAsBytes(fields)));
                channel.force(true);
            }
            Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(record.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes a rename durable: on Linux a directory's entries are only on disk once the directory is synced. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a directory; the rename itself is still atomic there
            LOG.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }

    private static String checkedPayer(String payerId) {
        if (payerId == null || !PAYER_ID.matcher(payerId).matches()) {
            throw new IllegalArgumentException("not a payer id: " + RemoteFileNames.render(payerId));
        }
        return payerId;
    }
}
