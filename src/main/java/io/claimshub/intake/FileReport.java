package io.claimshub.intake;

/** Counts of what one clinic file produced; logged once per file. */
public record FileReport(String fileName, int messages, int accepted, int rejected, int duplicates, int unreadable) {

    public FileReport add(IntakeResult.Kind kind) {
        return new FileReport(fileName, messages + 1,
                accepted + (kind == IntakeResult.Kind.ACCEPTED ? 1 : 0),
                rejected + (kind == IntakeResult.Kind.REJECTED ? 1 : 0),
                duplicates + (kind == IntakeResult.Kind.DUPLICATE ? 1 : 0),
                unreadable + (kind == IntakeResult.Kind.UNREADABLE ? 1 : 0));
    }
}
