package io.claimshub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.claimshub.api.ClaimViews.AuditEntry;
import io.claimshub.api.ClaimViews.ClaimDetail;
import io.claimshub.api.ClaimViews.ClaimSummary;
import io.claimshub.api.ClaimViews.DeadLetter;
import io.claimshub.api.ClaimViews.Event;
import io.claimshub.api.ClaimViews.FileView;
import io.claimshub.api.ClaimViews.Page;
import io.claimshub.api.ClaimViews.Redelivered;
import io.claimshub.api.ClaimViews.Submission;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.InputItem;
import io.claimshub.intake.IntakeResult;
import io.claimshub.intake.SourceRef;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ClaimQueries.ClaimRecord;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.ReplyLedger;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the REST API does, without HTTP: each method gets the authenticated caller, does the work and
 * writes the audit row. {@link ApiRequestHandler} turns HTTP requests into these calls.
 */
public final class ClaimsApi {

    static final Set<String> SEARCH_PARAMETERS = Set.of("clinic", "payer", "status", "from", "to", "clm01", "limit", "offset");
    static final Set<String> AUDIT_PARAMETERS = Set.of("claimId", "user", "from", "to", "limit", "offset");
    private static final int MAX_PAGE = 500;

    private final ClaimQueries queries;
    private final AuditLog audit;
    private final PartnerConfig partners;
    private final ClaimIntake intake;
    private final Redelivery redelivery;
    private final PayerOutcomes outcomes;

    public ClaimsApi(ClaimQueries queries, AuditLog audit, PartnerConfig partners,
                     ClaimIntake intake, Redelivery redelivery, ReplyLedger replies) {
        this.outcomes = new PayerOutcomes(replies);
        this.queries = queries;
        this.audit = audit;
        this.partners = partners;
        this.intake = intake;
        this.redelivery = redelivery;
    }

    public Page<ClaimSummary> search(ApiUser user, QueryParameters query) {
        LocalDate from = query.date("from");
        LocalDate to = query.date("to");
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badRequest("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        String clinic = query.text("clinic");
        if (clinic != null && !user.mayUse(clinic)) {
            throw outsideScope(user, "not clinic " + clinic);
        }
        ClaimQueries.Filter filter = new ClaimQueries.Filter(clinic, query.text("payer"),
                status(query.text("status")), from, to, query.text("clm01")).within(user.clinics());
        ClaimQueries.Page<ClaimRecord> page = queries.search(filter, query.number("limit", 50, 1, MAX_PAGE),
                query.number("offset", 0, 0, Integer.MAX_VALUE));
        audit.record(user.name(), user.role().label(), "search-claims", null, query.describe(),
                page.total() + " found");
        return new Page<>(page.total(), page.limit(), page.offset(), page.items().stream().map(ClaimSummary::of).toList());
    }

    /** Claim counts by status and payer (of the caller's clinics). Counts only, no claim data: not audited. */
    public ClaimViews.Summary summary(ApiUser user) {
        return new ClaimViews.Summary(queries.countsByStatusAndPayer(user.clinics()).stream()
                .map(ClaimViews.StatusCount::of).toList());
    }

    public ClaimDetail detail(ApiUser user, long claimId) {
        ClaimRecord claim = queries.claim(claimId).orElseThrow(() -> {
            audit.record(user.name(), user.role().label(), "view-claim", claimId, null, "not found");
            return ApiException.notFound("no claim with id " + claimId);
        });
        if (!user.mayUse(claim.clinicId())) {
            // Answered like a claim that does not exist: a limited user learns nothing of other clinics.
            audit.record(user.name(), user.role().label(), "view-claim", claimId, null, "outside the user's clinics");
            throw ApiException.notFound("no claim with id " + claimId);
        }
        List<FileView> files = claim.batchFile() == null ? List.of() : List.of(new FileView(claim.batchFile(),
                ClaimViews.isa13(claim.interchangeControlNumber()), claim.st02(),
                queries.batchStatus(claimId).orElse(null)));
        JsonNode payload = queries.payload(claimId).map(ClaimsApi::tree).orElse(null);
        PayerOutcomes.Outcome outcome = outcomes.of(claimId);
        List<Reason> reasons = new java.util.ArrayList<>(queries.reasons(claimId));
        reasons.addAll(outcome.reasons());
        ClaimDetail detail = new ClaimDetail(claim.id(), claim.clinicId(), claim.clm01(), claim.payerId(),
                claim.totalCharge(), claim.status().display(), claim.receivedAt(), claim.updatedAt(),
                claim.payerClaimNumber(),
                new ClaimViews.Source(claim.sourceKind(), claim.sourceName(), claim.sourceControlId()), files,
                reasons, outcome.payment(), outcome.acknowledgement(), outcome.secondary(),
                queries.history(claimId).stream().map(Event::of).toList(), payload,
                queries.payloadPurgedAt(claimId).orElse(null));
        audit.record(user.name(), user.role().label(), "view-claim", claimId, claim.clinicId() + " " + claim.clm01(),
                "shown");
        return detail;
    }

    /** A corrected (or new) claim for a clinic, in the canonical JSON the clinic inbox accepts. */
    public Submission resubmit(ApiUser user, String clinicId, String body) {
        if (!user.mayUse(clinicId)) {
            audit.record(user.name(), user.role().label(), "resubmit-claim", null, clinicId, "forbidden");
            throw outsideScope(user, "not clinic " + clinicId);
        }
        ClinicConfig clinic = partners.clinic(clinicId)
                .orElseThrow(() -> ApiException.notFound("no clinic '" + clinicId + "' in clinics.yaml"));
        JsonNode tree;
        try {
            tree = ClaimJson.mapper().readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): send one claim as a JSON object");
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest("the body must be one claim as a JSON object");
        }
        SourceRef source = new SourceRef("api", "api user " + user.name(), 1, null);
        IntakeResult result = intake.accept(clinic, item(tree), source);
        String outcome = result.kind().name().toLowerCase(Locale.ROOT);
        audit.record(user.name(), user.role().label(), "resubmit-claim", result.claimId(),
                clinic.id() + " " + (result.clm01() == null ? "" : result.clm01()), outcome);
        return new Submission(outcome, result.claimId(), result.clm01(), result.payerId(), result.reasons());
    }

    public List<DeadLetter> deadLetters(ApiUser user) {
        requireEveryClinic(user, "dead batches");
        List<DeadLetter> dead = queries.deadBatches().stream().map(DeadLetter::of).toList();
        audit.record(user.name(), user.role().label(), "list-dead-letters", null, null, dead.size() + " found");
        return dead;
    }

    public Redelivered redeliver(ApiUser user, String fileName) {
        requireEveryClinic(user, "redelivering batches");
        Redelivery.Result result = redelivery.redeliver(fileName);
        audit.record(user.name(), user.role().label(), "redeliver", null, fileName,
                result.outcome().name().toLowerCase(Locale.ROOT));
        return switch (result.outcome()) {
            case QUEUED -> new Redelivered(fileName, "queued", result.claims());
            case NO_SUCH_FILE -> throw ApiException.notFound("no batch file named " + fileName);
            case NOT_DEAD -> throw new ApiException(409, "batch " + fileName + " is " + result.batchStatus()
                    + ", not DEAD: only dead batches can be redelivered");
        };
    }

    public Page<AuditEntry> audit(ApiUser user, QueryParameters query) {
        requireEveryClinic(user, "the audit log");
        LocalDate from = query.date("from");
        LocalDate to = query.date("to");
        AuditLog.Query criteria = new AuditLog.Query(query.number("claimId"), query.text("user"),
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        ClaimQueries.Page<AuditLog.Entry> page = audit.find(criteria, query.number("limit", 100, 1, MAX_PAGE),
                query.number("offset", 0, 0, Integer.MAX_VALUE));
        audit.record(user.name(), user.role().label(), "read-audit", criteria.claimId(), query.describe(),
                page.total() + " found");
        return new Page<>(page.total(), page.limit(), page.offset(), page.items().stream().map(AuditEntry::of).toList());
    }

    /**
     * Batches, replies and the audit log mix clinics: a user limited to some clinics is refused them.
     */
    static void requireEveryClinic(ApiUser user, String what) {
        if (user.limited()) {
            throw outsideScope(user, what + " need a user for every clinic");
        }
    }

    static ApiException outsideScope(ApiUser user, String refused) {
        return new ApiException(403, "user " + user.name() + " may use clinic(s) "
                + String.join(", ", new java.util.TreeSet<>(user.clinics())) + " only: " + refused);
    }

    /** Records a request refused for the caller's role. */
    public void denied(ApiUser user, String action, String target) {
        audit.record(user.name(), user.role().label(), action, null, target, "forbidden");
    }

    private static InputItem item(JsonNode tree) {
        try {
            return new InputItem.JsonClaim(1, ClaimJson.mapper().treeToValue(tree, Claim.class));
        } catch (JsonMappingException e) {
            return new InputItem.InvalidJsonClaim(1, new Reason("claim", "JSON_INVALID",
                    "field '" + path(e) + "' is unknown or has a value of the wrong type"));
        } catch (JsonProcessingException e) {
            return new InputItem.InvalidJsonClaim(1, new Reason("claim", "JSON_INVALID", "the claim is not valid JSON"));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(claim)" : path.toString();
    }

    private static ClaimStatus status(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ClaimStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown status '" + text + "'; one of "
                    + String.join(", ", java.util.Arrays.stream(ClaimStatus.values()).map(ClaimStatus::display).toList()));
        }
    }

    private static JsonNode tree(String json) {
        try {
            return ClaimJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claim payload in the ledger is not JSON", e);
        }
    }
}
