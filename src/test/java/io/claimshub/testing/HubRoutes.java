package io.claimshub.testing;

/**
 * The ids of the hub's routes, by the file in routes/ that holds them, for route tests (NotifyBuilder,
 * AdviceWith). One place to follow a renamed route id.
 */
public final class HubRoutes {

    /** routes/mllp-intake.camel.yaml: the MLLP listener. */
    public static final String INTAKE_MLLP = "mllp-intake";
    /** routes/clinic-inbox.camel.yaml: the template each clinic's inbox route is made from. */
    public static final String INTAKE_INBOX_TEMPLATE = "clinic-inbox";
    /** routes/claims-batch.camel.yaml: the batch timer. */
    public static final String CLAIMS = "claims-batch";
    /** routes/encounters-release.camel.yaml: the bill-hold release timer. */
    public static final String ENCOUNTERS = "encounters-release";
    /** routes/delivery.camel.yaml. */
    public static final String DELIVERY = "delivery";
    /** routes/clinic-notices.camel.yaml: the clinic notice timer. */
    public static final String NOTIFY = "clinic-notices";
    /** routes/payer-replies.camel.yaml: the template each payer's reply folder route is made from. */
    public static final String REPLIES_TEMPLATE = "payer-replies";
    /** routes/reply-pickup-sftp.camel.yaml: the template each payer's SFTP pickup route is made from. */
    public static final String PICKUP_TEMPLATE = "reply-pickup-sftp";
    /** routes/dashboard.camel.yaml: GET /. */
    public static final String DASHBOARD_PAGE = "dashboard-page";
    /** routes/retention-purge.camel.yaml: the retention timer. */
    public static final String API_RETENTION = "retention-purge";
    /** routes/api.camel.yaml: GET /api/claims. */
    public static final String API_CLAIM_SEARCH = "api-claim-search";

    private HubRoutes() {
    }
}
