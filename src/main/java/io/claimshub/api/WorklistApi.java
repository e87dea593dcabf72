package io.claimshub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Reason;
import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.SetAsideFiles;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.StoredReasons;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.ledger.WorklistQueries;
import io.claimshub.ledger.WorklistQueries.AttentionClaim;
import io.claimshub.ledger.WorklistQueries.Scope;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The "Needs attention" worklists a billing clerk starts the day with, each row with the patient, the
 * account (CLM01), the date of service, the payer, the amount, the reason in words and the next action.
 * Rows carry patient names: the lists are for role reader and up, and each look is audited (counts
 * only, no patient data, in the audit row). No Camel here; {@link ApiRequestHandler} does the HTTP.
 */
public final class WorklistApi {

    static final Set<String> WORKLIST_PARAMETERS = Set.of("list", "clinic", "payer", "limit", "offset");
    static final Set<String> UNREADABLE_PARAMETERS = Set.of("clinic", "limit", "offset");
    static final Set<String> REMITTANCE_CLAIMS_PARAMETERS = Set.of("check");
    private static final int MAX_PAGE = 200;

    /** One list: its key (the {@code list=} value), its title and the action its rows need. */
    enum Kind {
        HUB_REJECTED("hub-rejected", "Rejected by the hub's checks", ClaimStatus.REJECTED,
                "Fix it in the EHR and send the visit again"),
        PAYER_REJECTED("payer-rejected", "Rejected by the payer", ClaimStatus.PAYER_REJECTED,
                "Correct the claim and resubmit it"),
        DENIED("denied", "Denied by the payer", ClaimStatus.DENIED,
                "Read the denial; resubmit a corrected claim or appeal"),
        DEAD("dead", "Could not be delivered", ClaimStatus.DEAD,
                "Check the payer connection, then redeliver the file"),
        UNREADABLE("unreadable", "Unreadable files and messages", null,
                "Fix the file or message and send it again"),
        UNMATCHED("unmatched", "Payer replies that match no claim", null,
                "Check which claim the reply is about; ask integration staff"),
        HELD("held", "Visits held past their hold", null,
                "Check the charges, then release the visit to be billed");

        final String key;
        final String title;
        final ClaimStatus status;
        final String nextAction;

        Kind(String key, String title, ClaimStatus status, String nextAction) {
            this.key = key;
            this.title = title;
            this.status = status;
            this.nextAction = nextAction;
        }

        static Kind of(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("unknown list '" + key + "'; one of "
                            + Arrays.stream(values()).map(k -> k.key).collect(Collectors.joining(", "))));
        }
    }

    /**
     * One row. Claim rows have a claimId; unreadable inputs and unmatched replies have none, but a file name.
     *
     * @param patient       "LAST, FIRST" from the claim as received; null once the retention purge removed it
     * @param account       the clinic's account number for the claim (CLM01)
     * @param dateOfService the first service line's date
     */
    public record Row(Long claimId, String clinicId, String patient, String account, LocalDate dateOfService,
                      String payerId, BigDecimal amount, String status, String reason, String nextAction,
                      String fileName, Instant at) {
    }

    /** @param total null when the caller may not see this list (a user limited to some clinics, cross-clinic lists) */
    public record Worklist(String key, String title, String nextAction, Long total, int offset, List<Row> items) {
    }

    public record Choice(String id, String name) {
    }

    /** The lists, and the configured clinics and payers the dashboard offers as filters. */
    public record Worklists(List<Worklist> lists, List<Choice> clinics, List<Choice> payers) {
    }

    /**
     * An input that never became a claim: a whole file set aside unread ({@code kind} file), or one message
     * or JSON claim in a file that could not be read ({@code kind} message, with its number in the file).
     *
     * @param controlId the message's MSH-10, when it could be read
     */
    public record UnreadableInput(String clinicId, String kind, String fileName, Integer messageNumber,
                                  String controlId, String reason, Instant at) {
    }

    public record UnreadablePage(long total, int limit, int offset, List<UnreadableInput> items) {
    }

    private final WorklistQueries queries;
    private final SetAsideFiles setAside;
    private final ReplyLedger replies;
    private final DeliveryLedger deliveries;
    private final AuditLog audit;
    private final PartnerConfig partners;

    public WorklistApi(WorklistQueries queries, SetAsideFiles setAside, ReplyLedger replies, DeliveryLedger deliveries,
                       AuditLog audit, PartnerConfig partners) {
        this.queries = queries;
        this.setAside = setAside;
        this.replies = replies;
        this.deliveries = deliveries;
        this.audit = audit;
        this.partners = partners;
    }

    public Worklists worklists(ApiUser user, QueryParameters query) {
        String clinic = query.text("clinic");
        if (clinic != null && !user.mayUse(clinic)) {
            throw ClaimsApi.outsideScope(user, "not clinic " + clinic);
        }
        String payer = query.text("payer");
        Scope scope = new Scope(user.clinics(), clinic, payer);
        int limit = query.number("limit", 10, 1, MAX_PAGE);
        int offset = query.number("offset", 0, 0, Integer.MAX_VALUE);
        String only = query.text("list");
        List<Kind> kinds = only == null ? List.of(Kind.values()) : List.of(Kind.of(only));
        List<Worklist> lists = new ArrayList<>();
        for (Kind kind : kinds) {
            lists.add(list(kind, user, scope, limit, only == null ? 0 : offset));
        }
        audit.record(user.name(), user.role().label(), "view-worklist", null, query.describe(),
                lists.stream().map(l -> l.key() + "=" + l.total()).collect(Collectors.joining(" ")));
        List<Choice> clinics = partners.clinics().stream().filter(c -> user.mayUse(c.id()))
                .map(c -> new Choice(c.id(), c.name())).toList();
        List<Choice> payers = partners.payers().stream().map(p -> new Choice(p.id(), p.name())).toList();
        return new Worklists(lists, clinics, payers);
    }

    public UnreadablePage unreadable(ApiUser user, QueryParameters query) {
        String clinic = query.text("clinic");
        if (clinic != null && !user.mayUse(clinic)) {
            throw ClaimsApi.outsideScope(user, "not clinic " + clinic);
        }
        Scope scope = new Scope(user.clinics(), clinic, null);
        int limit = query.number("limit", 50, 1, MAX_PAGE);
        int offset = query.number("offset", 0, 0, Integer.MAX_VALUE);
        UnreadablePage page = unreadable(scope, limit, offset);
        audit.record(user.name(), user.role().label(), "list-unreadable-inputs", null, query.describe(),
                page.total() + " found");
        return page;
    }

    private Worklist list(Kind kind, ApiUser user, Scope scope, int limit, int offset) {
        return switch (kind) {
            case UNREADABLE -> {
                // Inputs have no payer yet: a payer filter leaves none.
                UnreadablePage page = scope.payerId() == null ? unreadable(scope, limit, offset)
                        : new UnreadablePage(0, limit, offset, List.of());
                yield new Worklist(kind.key, kind.title, kind.nextAction, page.total(), offset,
                        page.items().stream().map(input -> unreadableRow(input, kind)).toList());
            }
            case UNMATCHED -> unmatched(kind, user, scope, limit, offset);
            case HELD -> new Worklist(kind.key, kind.title, kind.nextAction,
                    scope.payerId() == null ? queries.countHeld(scope) : 0L, offset,
                    scope.payerId() == null ? queries.held(scope, limit, offset).stream()
                            .map(encounter -> heldRow(encounter, kind)).toList() : List.of());
            default -> new Worklist(kind.key, kind.title, kind.nextAction, queries.countClaims(kind.status, scope),
                    offset, queries.claims(kind.status, scope, limit, offset).stream()
                            .map(claim -> claimRow(claim, kind)).toList());
        };
    }

    /** Unmatched replies mix the clinics: only users for every clinic see them (as GET /api/unmatched-replies). */
    private Worklist unmatched(Kind kind, ApiUser user, Scope scope, int limit, int offset) {
        if (user.limited() || scope.clinicId() != null) {
            return new Worklist(kind.key, kind.title, kind.nextAction, null, offset, List.of());
        }
        List<ReplyLedger.UnmatchedRow> all = scope.payerId() == null ? replies.unmatchedAll()
                : replies.unmatched(scope.payerId());
        List<Row> rows = all.stream().skip(offset).limit(limit).map(reply -> new Row(null, null, null,
                null, null, reply.payerId(), null, "unmatched " + reply.kind(),
                reply.kind() + " about " + reply.reference() + (reply.detail() == null ? "" : ": " + reply.detail()),
                kind.nextAction, fileName(reply.storedName()), null)).toList();
        return new Worklist(kind.key, kind.title, kind.nextAction, (long) all.size(), offset, rows);
    }

    /**
     * Set-aside files and unreadable messages, newest first. The folders hold few files; the ledger rows
     * are read only as far as the page needs.
     */
    private UnreadablePage unreadable(Scope scope, int limit, int offset) {
        List<UnreadableInput> all = new ArrayList<>();
        setAside.list(partners.clinics().stream()
                        .filter(c -> scope.clinics().isEmpty() || scope.clinics().contains(c.id()))
                        .filter(c -> scope.clinicId() == null || scope.clinicId().equals(c.id())).toList())
                .forEach(file -> all.add(new UnreadableInput(file.clinicId(), "file", file.fileName(), null, null,
                        file.reason(), file.setAsideAt())));
        int setAsideCount = all.size();
        queries.unreadable(scope, offset + limit, 0).forEach(input -> all.add(new UnreadableInput(input.clinicId(),
                "message", input.sourceName(), input.messageOrdinal(), input.controlId(),
                input.reasons().stream().map(WorklistApi::words).collect(Collectors.joining("; ")), input.receivedAt())));
        all.sort(java.util.Comparator.comparing(UnreadableInput::at, java.util.Comparator.nullsLast(
                java.util.Comparator.reverseOrder())));
        return new UnreadablePage(setAsideCount + queries.countUnreadable(scope), limit, offset,
                all.stream().skip(offset).limit(limit).toList());
    }

    private static Row unreadableRow(UnreadableInput input, Kind kind) {
        return new Row(null, input.clinicId(), null, input.controlId(), null, null, null,
                input.kind().equals("file") ? "file set aside" : "message unreadable", input.reason(),
                kind.nextAction, input.fileName(), input.at());
    }

    /** An encounter is not a claim yet: its account is the encounter key, its payer the first coverage's name. */
    private static Row heldRow(WorklistQueries.HeldEncounter encounter, Kind kind) {
        JsonNode header = tree(encounter.header());
        String payer = header == null ? null : header.path("coverages").path(0).path("payerName").asText(null);
        String reason = "PARKED".equals(encounter.state())
                ? "Held for review" + (encounter.detail() == null ? "" : ": " + encounter.detail())
                : "Still held after its hold ended; the hub has not released it";
        return new Row(null, encounter.clinicId(), patient(header), encounter.encounterKey(), encounter.firstService(),
                payer, encounter.open(), encounter.state().toLowerCase(java.util.Locale.ROOT), reason, kind.nextAction,
                null, encounter.updatedAt());
    }

    private static Row claimRow(AttentionClaim claim, Kind kind) {
        JsonNode payload = tree(claim.payload());
        return new Row(claim.id(), claim.clinicId(), patient(payload), claim.clm01(), dateOfService(payload),
                claim.payerId(), claim.totalCharge(), claim.status().display(), reason(claim), kind.nextAction,
                claim.batchFile(), claim.updatedAt());
    }

    /**
     * Why the claim is in the list. Rejected by the hub: the edits' reasons, one per line. From a payer
     * reply: the event reads "835 ... in FILE: denied" and then the payer's reasons, one per line; the
     * reasons are what a clerk needs, the first line only when there are none. Dead: the last delivery error.
     */
    private static String reason(AttentionClaim claim) {
        String detail = claim.detail();
        if (detail == null || detail.isBlank()) {
            return "no reason recorded";
        }
        if (claim.status() == ClaimStatus.REJECTED) {
            return detail.lines().map(line -> words(StoredReasons.parse(line)))
                    .collect(Collectors.joining("; "));
        }
        List<String> lines = detail.lines().filter(line -> !line.isBlank()).toList();
        boolean fromReply = claim.status() == ClaimStatus.PAYER_REJECTED || claim.status() == ClaimStatus.DENIED;
        return fromReply && lines.size() > 1 ? String.join("; ", lines.subList(1, lines.size()))
                : String.join("; ", lines);
    }

    private static String words(Reason reason) {
        return reason.where() + ": " + reason.message();
    }

    private static String patient(JsonNode payload) {
        JsonNode patient = payload == null ? null : payload.path("patient");
        if (patient == null || patient.isMissingNode() || patient.path("lastName").isMissingNode()) {
            return null;
        }
        String first = patient.path("firstName").asText("");
        return patient.path("lastName").asText("") + (first.isEmpty() ? "" : ", " + first);
    }

    private static LocalDate dateOfService(JsonNode payload) {
        if (payload == null) {
            return null;
        }
        LocalDate first = null;
        for (JsonNode line : payload.path("lines")) {
            String text = line.path("serviceDate").asText(null);
            if (text != null) {
                try {
                    LocalDate date = LocalDate.parse(text);
                    first = first == null || date.isBefore(first) ? date : first;
                } catch (java.time.format.DateTimeParseException e) {
                    // a date the edits rejected: the reason says so; no date of service to show
                }
            }
        }
        return first;
    }

    /** The file's own name, without the folder the hub keeps replies in. */
    private static String fileName(String stored) {
        if (stored == null) {
            return null;
        }
        int slash = Math.max(stored.lastIndexOf('/'), stored.lastIndexOf('\\'));
        return stored.substring(slash + 1);
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return ClaimJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public record PaidClaimRow(long claimId, String patient, String account, LocalDate dateOfService, String status,
                               BigDecimal billed, BigDecimal paid, BigDecimal patientResponsibility) {
    }

    /** The clinic's claims paid (or denied) in one remittance; carries patient names, so audited. */
    public List<PaidClaimRow> claimsPaidIn(ApiUser user, String clinicId, long replyFileId, QueryParameters query) {
        if (!user.mayUse(clinicId)) {
            throw ClaimsApi.outsideScope(user, "not clinic " + clinicId);
        }
        String check = query.text("check");
        if (check == null) {
            throw ApiException.badRequest("check (the remittance's check or EFT number) is required");
        }
        List<PaidClaimRow> rows = queries.claimsPaidIn(clinicId, replyFileId, check).stream().map(claim -> {
            JsonNode payload = tree(claim.payload());
            return new PaidClaimRow(claim.id(), patient(payload), claim.clm01(), dateOfService(payload),
                    claim.status().display(), claim.charge(), claim.paid(), claim.patientResponsibility());
        }).toList();
        audit.record(user.name(), user.role().label(), "list-remittance-claims", null,
                clinicId + " " + replyFileId + " " + check, rows.size() + " listed");
        return rows;
    }

    /** Whether a batch file is dead, delivered or still on its way: the dashboard asks after Redeliver. */
    public record DeliveryState(String fileName, String status, int attempts, String lastError, Instant nextAttemptAt) {
    }

    public DeliveryState delivery(ApiUser user, String fileName) {
        ClaimsApi.requireEveryClinic(user, "delivery states");
        DeliveryLedger.Delivery delivery = deliveries.byFileName(fileName)
                .orElseThrow(() -> ApiException.notFound("no batch file named " + fileName));
        return new DeliveryState(delivery.fileName(), delivery.status().toLowerCase(java.util.Locale.ROOT),
                delivery.attempts(), delivery.lastError(), delivery.nextAttemptAt());
    }
}
