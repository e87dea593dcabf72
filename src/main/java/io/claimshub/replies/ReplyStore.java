package io.claimshub.replies;

import io.claimshub.hashing.Sha256;
import io.claimshub.intake.UnreadableFileException;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.storage.PrivateFiles;
import io.claimshub.x12.replies.X12ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The hub's copy of each payer reply file and its record in the ledger. The content is stored under a
 * hub-made name ({@code data/replies/received/<payer>/<utc>-<sha256 prefix>.x12}) and recorded before
 * anything reads it, and the same content for the same payer is taken once. A file that is not X12 or is
 * broken is set aside in {@code data/replies/error/<payer>/} with a reason; one with replies that match
 * no claim is kept in {@code data/replies/unmatched/<payer>/} with what matched nothing.
 */
public final class ReplyStore {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final ReplyLedger ledger;
    private final Path repliesDir;
    private final Clock clock;

    public ReplyStore(ReplyLedger ledger, Path dataDir, Clock clock) {
        this.ledger = ledger;
        this.repliesDir = dataDir.resolve("replies");
        this.clock = clock;
    }

    /** What storing a reply came to: a reply to read and apply now, or one that needs nothing more. */
    public sealed interface Received permits ToApply, Handled {
    }

    /** New content, or content a hub stored before but did not finish: read and apply it. */
    public record ToApply(StoredReply reply) implements Received {
    }

    /** The same content was processed before, or another hub is processing it now: nothing changes here. */
    public record Handled(ReplyFileResult result) implements Received {
    }

    /**
     * Stores a reply and records it in the ledger, once per payer and content.
     *
     * @throws UnreadableFileException when the same content was set aside before (refused again with the same reason)
     */
    public Received store(String payerId, byte[] body, String sourceName) throws IOException, UnreadableFileException {
        String hash = Sha256.hex(body);
        var known = ledger.replyFile(payerId, hash);
        if (known.isPresent() && "error".equals(known.get().status())) {
            // Refused before: the same content is refused again with the same reason, not called a duplicate.
            LOG.info("reply refused again payer={} source={} stored={}: it was set aside before", payerId, sourceName,
                    known.get().storedName());
            throw new UnreadableFileException(known.get().sourceName() + " (stored as "
                    + Path.of(known.get().storedName()).getFileName() + "): " + known.get().detail());
        }
        if (known.isPresent() && !"received".equals(known.get().status())) {
            LOG.info("reply already processed payer={} source={} stored={} status={}: nothing changed", payerId,
                    sourceName, known.get().storedName(), known.get().status());
            return new Handled(new ReplyFileResult(known.get().storedName(), known.get().kinds(), 0, 0, true));
        }
        String baseName = known.map(k -> baseNameOf(k.storedName()))
                .orElse(STAMP.format(clock.instant()) + "-" + hash.substring(0, 16));
        Path stored = repliesDir.resolve("received").resolve(payerId).resolve(baseName + ".x12");
        if (!Files.exists(stored)) {
            write(stored, body);
        }
        ReplyLedger.Registration registration = ledger.register(payerId, hash, repliesDir.relativize(stored).toString(), sourceName);
        if (registration.heldBy() != null) {
            LOG.info("reply being processed by another hub payer={} source={} stored={} hub={}: nothing changed here",
                    payerId, sourceName, registration.storedName(), registration.heldBy());
            return new Handled(new ReplyFileResult(registration.storedName(), null, 0, 0, true));
        }
        return new ToApply(new StoredReply(payerId, body, sourceName, baseName, stored, registration.fileId(),
                registration.storedName()));
    }

    /**
     * Sets a reply that is not X12 or is broken aside, with its reason next to it, and records it as an error.
     *
     * @return the exception to throw, with the reason in the clerk's words
     */
    public UnreadableFileException setAside(StoredReply reply, X12ReplyException problem) throws IOException {
        Path error = repliesDir.resolve("error").resolve(reply.payerId()).resolve(reply.baseName() + ".x12");
        write(error, reply.body());
        String reason = reply.sourceName() + " (stored as " + reply.path().getFileName() + "): " + problem.getMessage();
        write(error.resolveSibling(reply.baseName() + ".reason.txt"), (reason + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        ledger.finish(reply.fileId(), "error", null, problem.getMessage());
        LOG.warn("reply set aside payer={} source={} error={}", reply.payerId(), reply.sourceName(), error);
        return new UnreadableFileException(reason, problem);
    }

    /** Keeps a copy of a reply file with replies that match no claim, each recorded in the ledger and logged. */
    public void keepUnmatched(StoredReply reply, List<ReplyMatcher.Unmatched> unmatched) throws IOException {
        Path copy = repliesDir.resolve("unmatched").resolve(reply.payerId()).resolve(reply.baseName() + ".x12");
        write(copy, reply.body());
        StringBuilder text = new StringBuilder();
        for (ReplyMatcher.Unmatched item : unmatched) {
            ledger.recordUnmatched(reply.fileId(), reply.payerId(), item.kind(), item.reference(), item.detail(),
                    repliesDir.relativize(copy).toString());
            text.append(item.kind()).append(' ').append(item.reference()).append(": ").append(item.detail()).append('\n');
            LOG.warn("unmatched reply payer={} source={} stored={} kind={} reference={}", reply.payerId(), reply.sourceName(),
                    copy.getFileName(), item.kind(), item.reference());
        }
        write(copy.resolveSibling(reply.baseName() + ".unmatched.txt"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Records that the reply was applied and its results returned: the same content is not processed again. */
    public void processed(StoredReply reply, String kinds, String detail) {
        ledger.finish(reply.fileId(), "processed", kinds, detail);
    }

    private static String baseNameOf(String storedName) {
        String name = Path.of(storedName).getFileName().toString();
        return name.endsWith(".x12") ? name.substring(0, name.length() - 4) : name;
    }

    private static void write(Path target, byte[] content) throws IOException {
        PrivateFiles.writeAtomically(target, content);
    }
}
