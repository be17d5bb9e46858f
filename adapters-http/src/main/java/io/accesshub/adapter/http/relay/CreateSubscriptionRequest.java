package io.accesshub.adapter.http.relay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A new subscription: where events go, which types, and optionally only some apps (appIds) or companies. */
@Serdeable
public record CreateSubscriptionRequest(@Nullable String url, @Nullable List<String> eventTypes,
                                        @Nullable List<String> apps, @Nullable List<String> companies,
                                        @Nullable String description) {
}
