package io.claimshub.replies;

/**
 * What became of one reply file as a whole (its replies about single claims are {@link ClaimStatusRecord}es).
 *
 * @param storedName the hub's copy, under data/replies/received/&lt;payer&gt;/
 * @param matched    replies in it applied to a claim
 * @param unmatched  replies in it that matched no claim
 * @param duplicate  the same content was processed before: nothing was changed this time
 */
public record ReplyFileResult(String storedName, String kinds, int matched, int unmatched, boolean duplicate) {
}
