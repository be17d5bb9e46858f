package io.accesshub.adapter.http.webhook;

import io.accesshub.application.port.in.ReceiveWebhookUseCase.AppClaim;
import io.accesshub.application.port.in.ReceiveWebhookUseCase.ReceivedWebhook;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.webhook.MarketplaceEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that knows HighLevel's webhook vocabulary: its event type strings and field names. Turns a verified
 * JSON body into a {@link MarketplaceEvent}, and names a stored event's kind back in HighLevel's words for operators.
 * Nothing past this adapter reads a HighLevel field or switches on a HighLevel event type.
 */
@Singleton
public final class HighLevelWebhookTranslator {

    static final String INSTALL = "INSTALL";
    static final String UNINSTALL = "UNINSTALL";
    static final String LOCATION_CREATE = "LocationCreate";
    static final String LOCATION_UPDATE = "LocationUpdate";
    static final String PLAN_CHANGE = "PLAN_CHANGE";

    /** What a verified body translates to. */
    public sealed interface Translation {
        /** A webhook the hub can take in. */
        record Translated(ReceivedWebhook webhook) implements Translation {
        }

        /** A body the hub cannot act on; {@code detail} names what is wrong, never a value from the body. */
        record Malformed(String detail) implements Translation {
        }
    }

    /** Translates a parsed JSON object; {@code body} is its exact text, kept only for events the hub does not know. */
    public Translation translate(Map<String, Object> json, String body) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(body, "body");
        Optional<String> webhookId = text(json.get("webhookId"));
        Optional<String> type = text(json.get("type"));
        if (webhookId.isEmpty() || type.isEmpty()) {
            return malformed("The webhook lacks webhookId or type.");
        }
        Optional<Instant> timestamp = timestamp(json.get("timestamp"));
        AppClaim app = appClaim(json.get("appId"));
        try {
            MarketplaceEvent event = switch (type.get()) {
                case INSTALL -> install(json);
                case UNINSTALL -> new MarketplaceEvent.Uninstall(id(json, "companyId", CompanyId::of),
                    id(json, "locationId", LocationId::of));
                case LOCATION_CREATE -> new MarketplaceEvent.LocationCreated(
                    required(id(json, "companyId", CompanyId::of), "companyId"),
                    required(id(json, "id", LocationId::of), "id"));
                case PLAN_CHANGE -> new MarketplaceEvent.PlanChanged(id(json, "companyId", CompanyId::of),
                    id(json, "locationId", LocationId::of), id(json, "currentPlanId", PlanId::of),
                    id(json, "newPlanId", PlanId::of));
                default -> other(type.get(), json, body);
            };
            return new Translation.Translated(new ReceivedWebhook(webhookId.get(), app, timestamp, event));
        } catch (DomainException | IllegalArgumentException invalid) {
            return malformed("The " + type.get().replaceAll("[^A-Za-z_]", "") + " event lacks an id it needs or"
                + " carries one that is not a HighLevel id.");
        }
    }

    /** HighLevel's name of a stored event's type, for operators (dead letters). */
    public static String highLevelType(MarketplaceEvent.Kind kind, Optional<String> otherType) {
        return switch (kind) {
            case INSTALL -> INSTALL;
            case UNINSTALL -> UNINSTALL;
            case LOCATION_CREATED -> LOCATION_CREATE;
            case PLAN_CHANGED -> PLAN_CHANGE;
            case OTHER -> otherType.orElse("unknown");
        };
    }

    /** An install: an agency install when HighLevel says {@code Company} or names no location. */
    private static MarketplaceEvent.Install install(Map<String, Object> json) {
        boolean agency = "Company".equalsIgnoreCase(text(json.get("installType")).orElse(""));
        Optional<LocationId> location = agency ? Optional.empty() : id(json, "locationId", LocationId::of);
        return new MarketplaceEvent.Install(required(id(json, "companyId", CompanyId::of), "companyId"), location,
            id(json, "planId", PlanId::of));
    }

    /**
     * Any other event: its location ({@code locationId}, or the {@code id} of a location event) and company when they
     * are HighLevel ids; an id of another shape is left out rather than refusing an event the hub only passes on.
     */
    private static MarketplaceEvent.Other other(String type, Map<String, Object> json, String body) {
        Optional<String> location = text(json.get("locationId"))
            .or(() -> LOCATION_UPDATE.equals(type) ? text(json.get("id")) : Optional.empty());
        return new MarketplaceEvent.Other(type, lenient(text(json.get("companyId")), CompanyId::of),
            lenient(location, LocationId::of), body);
    }

    private static AppClaim appClaim(@Nullable Object value) {
        Optional<String> app = text(value);
        if (app.isEmpty()) {
            return AppClaim.unnamed();
        }
        try {
            return AppClaim.named(MarketplaceAppId.of(app.get()));
        } catch (DomainException notAnAppId) {
            return AppClaim.unrecognisable();
        }
    }

    private static <T> Optional<T> id(Map<String, Object> json, String field, Function<String, T> parse) {
        return text(json.get(field)).map(parse);
    }

    private static <T> Optional<T> lenient(Optional<String> value, Function<String, T> parse) {
        try {
            return value.map(parse);
        } catch (DomainException notAnId) {
            return Optional.empty();
        }
    }

    private static <T> T required(Optional<T> value, String field) {
        return value.orElseThrow(() -> new IllegalArgumentException(field + " missing"));
    }

    private static Optional<String> text(@Nullable Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static Optional<Instant> timestamp(@Nullable Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(String.valueOf(value)));
        } catch (RuntimeException unparsable) {
            return Optional.empty();
        }
    }

    private static Translation malformed(String detail) {
        return new Translation.Malformed(detail);
    }
}
