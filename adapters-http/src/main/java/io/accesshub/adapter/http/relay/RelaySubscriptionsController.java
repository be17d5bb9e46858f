package io.accesshub.adapter.http.relay;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase;
import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase.CreateOutcome;
import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase.ReplayOutcome;
import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase.RotateOutcome;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDestination;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.shared.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/admin/subscriptions} and {@code /api/v1/admin/deliveries}: subscribe services outside the hub to
 * lifecycle events (the signing secret is shown once), pause, resume, rotate the secret, delete, list attempts and
 * deliveries, and replay a parked delivery. Admin keys only: a subscription sees every tenant it names.
 */
@Controller("/api/v1/admin")
@Secured(Permission.ADMIN_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RelaySubscriptionsController {

    private static final int MAX_PAGE = 200;
    /** The most ids per kind a filter may list: 400 ids of at most 128 characters fit the 64 KB column. */
    private static final int MAX_FILTER_IDS = 400;

    private final ManageRelaySubscriptionsUseCase relay;
    private final Clock clock;

    public RelaySubscriptionsController(ManageRelaySubscriptionsUseCase relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    @Operation(summary = "Subscribe a URL to lifecycle events; the answer shows the signing secret this once")
    @SecurityRequirement(name = "apiKey")
    @Post("/subscriptions")
    public HttpResponse<?> create(@Body CreateSubscriptionRequest request) {
        RelayFilter filter;
        String description = request.description() == null ? "" : request.description().trim();
        try {
            filter = filterOf(request);
            if (request.url() == null || request.url().isBlank()) {
                throw new IllegalArgumentException("url is required.");
            }
            if (description.length() > RelaySubscription.MAX_DESCRIPTION_LENGTH) {
                throw new IllegalArgumentException("description has at most "
                    + RelaySubscription.MAX_DESCRIPTION_LENGTH + " characters.");
            }
        } catch (DomainException | IllegalArgumentException invalid) {
            return invalid(invalid.getMessage());
        }
        CreateOutcome outcome = relay.create(request.url().trim(), filter, description);
        if (outcome instanceof CreateOutcome.Refused refused) {
            return invalid(refusalDetail(refused.refusal()));
        }
        CreateOutcome.Created created = (CreateOutcome.Created) outcome;
        return HttpResponse.status(HttpStatus.CREATED)
            .body(SubscriptionResponse.of(created.subscription(), 0L, created.secret(), clock.instant()))
            .header("Cache-Control", "no-store");
    }

    @Operation(summary = "Every subscription with its state and pending deliveries; never a secret")
    @SecurityRequirement(name = "apiKey")
    @Get("/subscriptions")
    public HttpResponse<ListResponse<SubscriptionResponse>> list() {
        return HttpResponse.ok(new ListResponse<>(relay.list().stream()
            .map(v -> SubscriptionResponse.of(v, clock.instant())).toList(), null));
    }

    @Operation(summary = "One subscription")
    @SecurityRequirement(name = "apiKey")
    @Get("/subscriptions/{id}")
    public HttpResponse<?> find(@PathVariable String id) {
        return subscriptionId(id).flatMap(relay::find)
            .<HttpResponse<?>>map(v -> HttpResponse.ok(SubscriptionResponse.of(v, clock.instant())))
            .orElseGet(RelaySubscriptionsController::noSubscription);
    }

    @Operation(summary = "Delete a subscription with its queued deliveries and its delivery log")
    @SecurityRequirement(name = "apiKey")
    @Delete("/subscriptions/{id}")
    public HttpResponse<?> delete(@PathVariable String id) {
        return subscriptionId(id).filter(relay::delete).<HttpResponse<?>>map(s -> HttpResponse.noContent())
            .orElseGet(RelaySubscriptionsController::noSubscription);
    }

    @Operation(summary = "Stop sending; events keep being queued and are delivered in order on resume")
    @SecurityRequirement(name = "apiKey")
    @Post("/subscriptions/{id}/pause")
    public HttpResponse<?> pause(@PathVariable String id) {
        return changed(subscriptionId(id).flatMap(relay::pause));
    }

    @Operation(summary = "Send again (also after an automatic pause), the queued events first")
    @SecurityRequirement(name = "apiKey")
    @Post("/subscriptions/{id}/resume")
    public HttpResponse<?> resume(@PathVariable String id) {
        return changed(subscriptionId(id).flatMap(relay::resume));
    }

    @Operation(summary = "A new signing secret, shown this once; the old one keeps signing for the overlap (409 while"
        + " an earlier rotation's overlap runs, unless force=true)")
    @SecurityRequirement(name = "apiKey")
    @Post("/subscriptions/{id}/rotate-secret")
    public HttpResponse<?> rotateSecret(@PathVariable String id, @Nullable @QueryValue Boolean force) {
        Optional<SubscriptionId> subscription = subscriptionId(id);
        if (subscription.isEmpty()) {
            return noSubscription();
        }
        RotateOutcome outcome = relay.rotateSecret(subscription.get(), Boolean.TRUE.equals(force));
        if (outcome instanceof RotateOutcome.Rotated rotated) {
            return HttpResponse.ok(SubscriptionResponse.of(rotated.subscription(), null, rotated.secret(),
                clock.instant())).header("Cache-Control", "no-store");
        }
        if (outcome instanceof RotateOutcome.OverlapRunning running) {
            return Problems.response(Problem.of(409, "rotation_in_progress", "Rotation in progress",
                "The secret rotated out last time still signs until " + running.until() + "; rotating again now would"
                    + " stop it at once. Repeat with ?force=true if the subscriber holds neither that secret nor"
                    + " the current one."));
        }
        return noSubscription();
    }

    @Operation(summary = "The subscription's delivery attempts, newest first: status code or error, and latency")
    @SecurityRequirement(name = "apiKey")
    @Get("/subscriptions/{id}/attempts")
    public HttpResponse<?> attempts(@PathVariable String id, @Nullable @QueryValue Integer limit,
                                    @Nullable @QueryValue Long before) {
        return newestFirst(id, limit, (subscription, size) -> relay.attempts(subscription, size,
            Optional.ofNullable(before)).stream().map(AttemptResponse::of).toList(), AttemptResponse::id);
    }

    @Operation(summary = "The subscription's deliveries, newest first, optionally in one state (pending, delivered,"
        + " parked)")
    @SecurityRequirement(name = "apiKey")
    @Get("/subscriptions/{id}/deliveries")
    public HttpResponse<?> deliveries(@PathVariable String id, @Nullable @QueryValue String state,
                                      @Nullable @QueryValue Integer limit, @Nullable @QueryValue Long before) {
        Optional<DeliveryState> wanted = Optional.empty();
        if (state != null && !state.isBlank()) {
            wanted = Arrays.stream(DeliveryState.values())
                .filter(s -> s.name().equalsIgnoreCase(state.trim())).findFirst();
            if (wanted.isEmpty()) {
                return invalid("state must be one of pending, delivered, parked.");
            }
        }
        Optional<DeliveryState> inState = wanted;
        return newestFirst(id, limit, (subscription, size) -> relay.deliveries(subscription, inState, size,
            Optional.ofNullable(before)).stream().map(DeliveryResponse::of).toList(), DeliveryResponse::id);
    }

    @Operation(summary = "Send a parked (or delivered) delivery again, now, with its retries starting over")
    @SecurityRequirement(name = "apiKey")
    @Post("/deliveries/{id}/replay")
    public HttpResponse<?> replay(@PathVariable long id) {
        ReplayOutcome outcome = relay.replay(id);
        if (outcome instanceof ReplayOutcome.Replayed replayed) {
            return HttpResponse.accepted().body(DeliveryResponse.of(replayed.delivery()));
        }
        if (outcome instanceof ReplayOutcome.StillPending pending) {
            return Problems.response(Problem.of(409, "delivery_pending", "Delivery pending",
                "This delivery is still pending; it is tried at " + pending.delivery().nextAttemptAt() + "."));
        }
        return Problems.response(Problem.of(404, "not_found", "No such delivery",
            "No delivery has this id (the delivery log keeps finished deliveries for its retention)."));
    }

    /**
     * A page of a subscription's log, newest first: 404 for an unknown subscription, 400 for a bad limit, else the
     * items {@code read} gives for (subscription, page size) with the {@code before} of the next page.
     */
    private <T> HttpResponse<?> newestFirst(String id, @Nullable Integer limit,
                                            BiFunction<SubscriptionId, Integer, List<T>> read, ToLongFunction<T> idOf) {
        Optional<SubscriptionId> subscription = subscriptionId(id).filter(s -> relay.find(s).isPresent());
        if (subscription.isEmpty()) {
            return noSubscription();
        }
        int size = pageSize(limit);
        if (size < 0) {
            return invalid("limit must be between 1 and " + MAX_PAGE + ".");
        }
        List<T> items = read.apply(subscription.get(), size);
        return HttpResponse.ok(new ListResponse<>(items,
            items.size() < size ? null : idOf.applyAsLong(items.get(items.size() - 1))));
    }

    private HttpResponse<?> changed(Optional<RelaySubscription> subscription) {
        return subscription.<HttpResponse<?>>map(s -> HttpResponse.ok(SubscriptionResponse.of(s, null, null,
            clock.instant()))).orElseGet(RelaySubscriptionsController::noSubscription);
    }

    private static int pageSize(@Nullable Integer limit) {
        if (limit == null) {
            return 50;
        }
        return limit < 1 || limit > MAX_PAGE ? -1 : limit;
    }

    private static Optional<SubscriptionId> subscriptionId(String id) {
        try {
            return Optional.of(SubscriptionId.parse(id));
        } catch (DomainException malformed) {
            return Optional.empty();
        }
    }

    private static RelayFilter filterOf(CreateSubscriptionRequest request) {
        if (request.eventTypes() == null || request.eventTypes().isEmpty()) {
            throw new IllegalArgumentException("eventTypes must name at least one of: " + knownTypes() + ".");
        }
        Set<RelayEventType> types = EnumSet.noneOf(RelayEventType.class);
        for (String name : request.eventTypes()) {
            String trimmed = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            types.add(RelayEventType.fromWireName(trimmed).orElseThrow(() -> new IllegalArgumentException(
                "'" + name + "' is not an event type; known: " + knownTypes() + ".")));
        }
        return new RelayFilter(types, ids(request.apps(), MarketplaceAppId::of),
            ids(request.companies(), CompanyId::of));
    }

    private static String knownTypes() {
        return Arrays.stream(RelayEventType.values()).map(RelayEventType::wireName).collect(Collectors.joining(", "));
    }

    private static <T> Set<T> ids(@Nullable List<String> values, Function<String, T> parse) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > MAX_FILTER_IDS) {
            throw new IllegalArgumentException("a filter lists at most " + MAX_FILTER_IDS + " ids per kind.");
        }
        return values.stream().map(v -> parse.apply(v == null ? "" : v.trim())).collect(Collectors.toSet());
    }

    private static String refusalDetail(RelayDestination.Refusal refusal) {
        return switch (refusal) {
            case MALFORMED -> "url must be an absolute https URL with a host, without credentials or a fragment.";
            case NOT_HTTPS -> "url must use https; plain http is allowed only for hosts in ACCESSHUB_RELAY_ALLOWED_HOSTS.";
            case INTERNAL_ADDRESS -> "url's host resolves to a loopback, private or otherwise internal address; such"
                + " hosts must be listed in ACCESSHUB_RELAY_ALLOWED_HOSTS.";
            case UNRESOLVED -> "url's host does not resolve to any address.";
        };
    }

    private static HttpResponse<?> noSubscription() {
        return Problems.response(Problem.of(404, "not_found", "No such subscription", "No subscription has this id."));
    }

    private static HttpResponse<?> invalid(String detail) {
        return Problems.response(Problem.of(400, "invalid_subscription", "Invalid subscription", detail));
    }
}
