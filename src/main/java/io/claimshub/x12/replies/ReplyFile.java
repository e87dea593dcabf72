package io.claimshub.x12.replies;

import java.util.List;

/** Everything a reply file says, by kind, with the envelopes it came in (to copy parts of it). */
public record ReplyFile(List<X12Envelope.Interchange> interchanges, List<InterchangeAck> interchangeAcks,
                        List<ImplementationAck> implementationAcks, List<ClaimAck> claimAcks,
                        List<LevelAck> levelAcks, List<Remittance> remittances) {

    public ReplyFile {
        interchanges = List.copyOf(interchanges);
        interchangeAcks = List.copyOf(interchangeAcks);
        implementationAcks = List.copyOf(implementationAcks);
        claimAcks = List.copyOf(claimAcks);
        levelAcks = List.copyOf(levelAcks);
        remittances = List.copyOf(remittances);
    }

    /** "TA1+999", "835": the kinds of reply in the file, for names and logs. */
    public String kinds() {
        List<String> kinds = new java.util.ArrayList<>();
        if (!interchangeAcks.isEmpty()) {
            kinds.add("TA1");
        }
        if (!implementationAcks.isEmpty()) {
            kinds.add("999");
        }
        if (!claimAcks.isEmpty() || !levelAcks.isEmpty()) {
            kinds.add("277CA");
        }
        if (!remittances.isEmpty()) {
            kinds.add("835");
        }
        return kinds.isEmpty() ? "empty" : String.join("+", kinds);
    }
}
