package io.claimshub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.claimshub.ledger.HubNodes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTTP side of the API, called by the routes in routes/api.camel.yaml: checks credentials and
 * role, calls {@link ClaimsApi}, and answers JSON. Every request header is dropped before answering so
 * that nothing the caller sent (its Authorization header included) is echoed back; errors are
 * {@code {"status":..,"error":".."}}. Credentials are never logged.
 */
public final class ApiRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestHandler.class);
    private static final String OPENAPI_RESOURCE = "api/openapi.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final ApiLogin login;
    private final ClaimsApi api;
    private final RepliesApi replies;
    private final PaymentsApi payments;
    private final EncountersApi encounters;
    private final WorklistApi worklists;
    private final HubNodes nodes;
    private final byte[] openApi;

    public ApiRequestHandler(ApiLogin login, ClaimsApi api, RepliesApi replies, PaymentsApi payments,
                             EncountersApi encounters, WorklistApi worklists, HubNodes nodes) {
        this.nodes = nodes;
        this.encounters = encounters;
        this.login = login;
        this.api = api;
        this.replies = replies;
        this.payments = payments;
        this.worklists = worklists;
        this.openApi = resource(OPENAPI_RESOURCE);
    }

    /**
     * A request as the API sees it, read before the headers are dropped. Path parameters come from
     * matching the request path against the route's template, never from headers: platform-http also
     * copies request headers (and form fields) into the message headers, so a header named like a path
     * parameter would otherwise change it.
     */
    record Request(ApiUser user, String rawQuery, Message message, Map<String, String> pathParameters) {
        QueryParameters query(Set<String> known) {
            return QueryParameters.parse(rawQuery, known);
        }

        String path(String name) {
            String value = pathParameters.get(name);
            if (value == null || value.isBlank()) {
                throw ApiException.badRequest("missing path parameter " + name);
            }
            return value;
        }

        long pathNumber(String name) {
            try {
                return Long.parseLong(path(name));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be a whole number");
            }
        }
    }

    public void searchClaims(Exchange exchange) {
        handle(exchange, Role.READER, "search-claims", request -> api.search(request.user(),
                request.query(ClaimsApi.SEARCH_PARAMETERS)), 200);
    }

    public void summary(Exchange exchange) {
        handle(exchange, Role.READER, "summary", request -> {
            request.query(Set.of());
            return api.summary(request.user());
        }, 200);
    }

    public void claimDetail(Exchange exchange) {
        handle(exchange, Role.READER, "view-claim", request -> {
            request.query(Set.of());
            return api.detail(request.user(), request.pathNumber("claimId"));
        }, 200);
    }

    public void resubmitClaim(Exchange exchange) {
        handle(exchange, Role.OPERATOR, "resubmit-claim", request -> {
            request.query(Set.of());
            ClaimViews.Submission submission = api.resubmit(request.user(), request.path("clinicId"),
                    request.message().getBody(String.class));
            return new Answer(switch (submission.outcome()) {
                case "accepted" -> 201;
                case "duplicate" -> 200;
                default -> 422;
            }, submission);
        }, 200);
    }

    /** The hubs sharing this ledger, each with its lease and the batches it is writing or sending. */
    public void nodes(Exchange exchange) {
        handle(exchange, Role.READER, "list-nodes", request -> {
            request.query(Set.of());
            return nodes.nodes();
        }, 200);
    }

    public void deadLetters(Exchange exchange) {
        handle(exchange, Role.READER, "list-dead-letters", request -> {
            request.query(Set.of());
            return api.deadLetters(request.user());
        }, 200);
    }

    public void redeliver(Exchange exchange) {
        handle(exchange, Role.OPERATOR, "redeliver", request -> {
            request.query(Set.of());
            return api.redeliver(request.user(), request.path("fileName"));
        }, 200);
    }

    public void clinicRemittances(Exchange exchange) {
        handle(exchange, Role.READER, "list-remittances", request -> {
            request.query(Set.of());
            return replies.remittances(request.user(), request.path("clinicId"));
        }, 200);
    }

    public void recordPayment(Exchange exchange) {
        handle(exchange, Role.OPERATOR, "record-payment", request -> {
            request.query(Set.of());
            return new Answer(201, payments.record(request.user(), request.pathNumber("claimId"),
                    request.message().getBody(String.class)));
        }, 201);
    }

    public void encounter(Exchange exchange) {
        handle(exchange, Role.READER, "view-encounter", request -> {
            request.query(Set.of());
            return encounters.encounter(request.user(), request.path("clinicId"), request.path("encounterKey"));
        }, 200);
    }

    public void releaseEncounter(Exchange exchange) {
        handle(exchange, Role.OPERATOR, "release-encounter", request -> {
            request.query(Set.of());
            return encounters.release(request.user(), request.path("clinicId"), request.path("encounterKey"));
        }, 200);
    }

    public void unappliedCredits(Exchange exchange) {
        handle(exchange, Role.READER, "list-unapplied-credits", request -> {
            request.query(Set.of());
            return encounters.unappliedCredits(request.user(), request.path("clinicId"));
        }, 200);
    }

    public void unmatchedReplies(Exchange exchange) {
        handle(exchange, Role.READER, "list-unmatched-replies", request -> replies.unmatched(request.user(),
                request.query(RepliesApi.UNMATCHED_PARAMETERS)), 200);
    }

    public void postReply(Exchange exchange) {
        handle(exchange, Role.OPERATOR, "post-reply", request -> {
            request.query(Set.of());
            return replies.accept(request.user(), request.path("payerId"), request.message().getBody(byte[].class));
        }, 200);
    }

    public void worklist(Exchange exchange) {
        handle(exchange, Role.READER, "view-worklist", request -> worklists.worklists(request.user(),
                request.query(WorklistApi.WORKLIST_PARAMETERS)), 200);
    }

    public void unreadableInputs(Exchange exchange) {
        handle(exchange, Role.READER, "list-unreadable-inputs", request -> worklists.unreadable(request.user(),
                request.query(WorklistApi.UNREADABLE_PARAMETERS)), 200);
    }

    public void remittanceClaims(Exchange exchange) {
        handle(exchange, Role.READER, "list-remittance-claims", request -> worklists.claimsPaidIn(request.user(),
                request.path("clinicId"), request.pathNumber("replyFileId"),
                request.query(WorklistApi.REMITTANCE_CLAIMS_PARAMETERS)), 200);
    }

    public void deliveryState(Exchange exchange) {
        handle(exchange, Role.READER, "delivery-state", request -> {
            request.query(Set.of());
            return worklists.delivery(request.user(), request.path("fileName"));
        }, 200);
    }

    public void releaseSecondary(Exchange exchange) {
        handle(exchange, Role.OPERATOR, "release-secondary", request -> {
            request.query(Set.of());
            ClaimViews.Submission submission = replies.releaseSecondary(request.user(), request.pathNumber("claimId"));
            return new Answer("accepted".equals(submission.outcome()) ? 201 : 422, submission);
        }, 200);
    }

    public void auditLog(Exchange exchange) {
        handle(exchange, Role.ADMIN, "read-audit", request -> api.audit(request.user(),
                request.query(ClaimsApi.AUDIT_PARAMETERS)), 200);
    }

    public void openApi(Exchange exchange) {
        handle(exchange, Role.READER, "read-openapi", request -> new Raw(openApi), 200);
    }

    /** A body with its own status. */
    private record Answer(int status, Object body) {
    }

    /** Bytes answered as they are. */
    private record Raw(byte[] json) {
    }

    private void handle(Exchange exchange, Role required, String action, Function<Request, Object> work, int okStatus) {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        ApiLogin.Outcome outcome = login.login(message.getHeader("Authorization", String.class),
                message.getHeader("X-API-Key", String.class), clientAddress(message));
        Optional<ApiUser> user = outcome instanceof ApiLogin.LoggedIn in ? Optional.of(in.user()) : Optional.empty();
        String rawQuery = message.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (rawQuery == null) {
            rawQuery = message.getHeader(Exchange.HTTP_QUERY, String.class);
        }
        String target = method + " " + message.getHeader(Exchange.HTTP_PATH, String.class);
        // A script (the dashboard) says so with X-Requested-With and gets no challenge: with one, browsers
        // pop up their own login box over the page's login form.
        boolean fromScript = message.getHeader("X-Requested-With") != null;
        Request request = new Request(user.orElse(null), rawQuery, message.copy(), pathParameters(exchange));
        message.removeHeaders("*");
        message.setHeader("Cache-Control", "no-store");
        if (outcome instanceof ApiLogin.Throttled throttled) {
            long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
            message.setHeader("Retry-After", seconds);
            answer(message, 429, new ClaimViews.Problem(429, "too many failed logins: try again in " + seconds
                    + " seconds"));
            return;
        }
        if (user.isEmpty()) {
            if (!fromScript) {
                message.setHeader("WWW-Authenticate", "Basic realm=\"claims-hub\", charset=\"UTF-8\"");
            }
            answer(message, 401, new ClaimViews.Problem(401,
                    "credentials required: HTTP basic auth or an X-API-Key header"));
            return;
        }
        if (!user.get().role().includes(required)) {
            api.denied(user.get(), action, target);
            answer(message, 403, new ClaimViews.Problem(403, "user " + user.get().name() + " has role "
                    + user.get().role().label() + "; this needs " + required.label()));
            return;
        }
        try {
            Object result = work.apply(request);
            if (result instanceof Answer answer) {
                answer(message, answer.status(), answer.body());
            } else if (result instanceof Raw raw) {
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, okStatus);
                message.setHeader(Exchange.CONTENT_TYPE, "application/json");
                message.setBody(raw.json());
            } else {
                answer(message, okStatus, result);
            }
        } catch (ApiException e) {
            answer(message, e.status(), new ClaimViews.Problem(e.status(), e.getMessage()));
        } catch (RuntimeException e) {
            // The exception class only: a database or parser message can quote claim content.
            LOG.error("API request failed action={} user={} error={}", action, user.get().name(), e.getClass().getName());
            answer(message, 500, new ClaimViews.Problem(500, "the hub could not answer this request; see its log"));
        }
    }

    /** The client's IP address as the connection shows it (no proxy header is believed). */
    private static String clientAddress(Message message) {
        Object address = message.getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS);
        if (address instanceof SocketAddress socket) {
            return socket.hostAddress();
        }
        return "unknown";
    }

    /** The values of the route template's {@code {name}} segments in the path the client asked for, decoded. */
    static Map<String, String> pathParameters(Exchange exchange) {
        if (!(exchange.getFromEndpoint() instanceof PlatformHttpEndpoint endpoint)) {
            return Map.of();
        }
        String requested = exchange.getIn() instanceof HttpMessage http ? http.getRequest().path()
                : exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        return PathTemplate.match(endpoint.getPath(), requested);
    }

    private static void answer(Message message, int status, Object body) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write API answer", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiRequestHandler.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
