package io.claimshub.replies;

import io.claimshub.x12.replies.RemittanceCopyWriter;
import io.claimshub.x12.replies.ReplyFile;

import java.util.List;
import java.util.Map;

/**
 * A reply file once applied to its claims: what goes back to the clinics it concerns.
 *
 * @param statuses  per clinic, a status record for each of its claims the file is about
 * @param shares    per clinic, its part of the file's 835s (see {@link ReplyMatcher.Result#shares()})
 * @param unmatched the replies in the file that matched no claim
 */
public record AppliedReply(StoredReply reply, ReplyFile file, Map<String, List<ClaimStatusRecord>> statuses,
                           Map<String, RemittanceCopyWriter.Share> shares, List<ReplyMatcher.Unmatched> unmatched) {

    /** How many replies in the file were applied to a claim. */
    public int matched() {
        return statuses.values().stream().mapToInt(List::size).sum();
    }
}
