package io.claimshub.routes;

/**
 * The hub's own message headers, set and read by the flows in routes/*.camel.yaml. Inbound data never sets
 * them (nor any Camel* header): each is set by its route from the configuration or the hub's clock.
 */
public final class ClaimsHubHeaders {

    /** The clinic id (clinics.yaml) whose inbox a clinic-inbox route polls. */
    public static final String CLINIC = "ClaimsHubClinic";

    /** The payer id (payers.yaml) whose reply folder, incoming folder or SFTP directory a route reads. */
    public static final String PAYER = "ClaimsHubPayer";

    /**
     * The name a payer's reply file is moved under into .done/ or .error/ ({@link #ARCHIVE_NAME_EXPRESSION}),
     * also given to the reason written next to a failed one.
     */
    public static final String ARCHIVE_NAME = "ClaimsHubArchiveName";

    /**
     * The Simple expression of an archived file's name: the time it was taken, then its own name, so a name
     * a sender reuses never overwrites an earlier file. Used for payer reply folders (payer-replies) and for
     * the done directory on a payer's SFTP server (reply-pickup-sftp).
     */
    public static final String ARCHIVE_NAME_EXPRESSION = "${date:now:yyyyMMdd'T'HHmmssSSS}-${file:onlyname}";

    private ClaimsHubHeaders() {
    }
}
