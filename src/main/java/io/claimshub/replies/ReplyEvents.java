package io.claimshub.replies;

/** What the reply flow tells the rest of the hub (metrics) for each reply applied to a claim. */
public interface ReplyEvents {

    ReplyEvents NONE = status -> { };

    /** @param status what the reply says about the claim, and whether the claim moved */
    void applied(ClaimStatusRecord status);
}
