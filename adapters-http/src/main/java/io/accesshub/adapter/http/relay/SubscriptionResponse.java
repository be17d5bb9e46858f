package io.accesshub.adapter.http.relay;

import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase.SubscriptionView;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelaySubscription;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A subscription as the API shows it; {@code secret} only in the answer that made it (creation or rotation), and
 * {@code previousSecretValidUntil} while a rotated-out secret still signs.
 */
@Serdeable
public record SubscriptionResponse(String id, String url, List<String> eventTypes, List<String> apps,
                                   List<String> companies, String description, String state, String createdAt,
                                   String stateChangedAt, int consecutiveFailures, @Nullable String failingSince,
                                   @Nullable Long pendingDeliveries, @Nullable String previousSecretValidUntil,
                                   @Nullable String secret) {

    static SubscriptionResponse of(SubscriptionView view, Instant now) {
        return of(view.subscription(), view.pending(), null, now);
    }

    static SubscriptionResponse of(RelaySubscription s, @Nullable Long pending, @Nullable String secret,
                                   Instant now) {
        return new SubscriptionResponse(s.id().toString(), s.url(),
            s.filter().eventTypes().stream().sorted(Comparator.naturalOrder()).map(RelayEventType::wireName).toList(),
            s.filter().apps().stream().map(a -> a.value()).sorted().toList(),
            s.filter().companies().stream().map(c -> c.value()).sorted().toList(), s.description(),
            s.state().name(), s.createdAt().toString(), s.stateChangedAt().toString(), s.failures().failures(),
            s.failures().since().map(Instant::toString).orElse(null), pending,
            s.inSecretOverlap(now) ? s.secretOverlapUntil().map(Instant::toString).orElse(null) : null, secret);
    }
}
