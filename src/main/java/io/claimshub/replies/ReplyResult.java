package io.claimshub.replies;

/**
 * What became of one reply file.
 *
 * @param storedName the hub's copy, under data/replies/received/&lt;payer&gt;/
 * @param duplicate  the same content was processed before: nothing was changed this time
 */
public record ReplyResult(String storedName, String kinds, int matched, int unmatched, boolean duplicate) {
}
