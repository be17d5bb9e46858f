package io.accesshub.adapter.http.installations;

import io.accesshub.application.port.in.GrantSummary;
import io.accesshub.application.port.in.InstallationSummary;
import io.accesshub.domain.uninstall.UninstallRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * One installation as the API shows it: state, reason, the app's plan, scopes, expiry and refresh facts, and the
 * configured scopes its grant lacks with the link that asks the customer to consent again, and a developer
 * uninstall still waiting for HighLevel — never a token.
 */
@Serdeable
public record InstallationResponse(String id, String appId, String companyId, @Nullable String locationId,
                                   String userType, String status, String reason, Instant createdAt,
                                   Instant statusChangedAt, @Nullable List<String> approvedLocations,
                                   @Nullable Boolean installToFutureLocations, @Nullable String planId,
                                   List<String> missingScopes, @Nullable String reconsentUrl,
                                   @Nullable GrantView grant, @Nullable PendingUninstallView pendingUninstall) {

    /**
     * A developer uninstall HighLevel has not confirmed yet: when it was asked for and how its retries stand;
     * {@code parked} when it is tried no more until the {@code DELETE} is repeated.
     */
    @Serdeable
    public record PendingUninstallView(String reason, Instant requestedAt, int attempts, Instant nextAttemptAt,
                                       @Nullable String lastError, boolean parked) {

        static PendingUninstallView of(UninstallRequest r) {
            return new PendingUninstallView(r.reason().value(), r.requestedAt(), r.attempts(), r.nextAttemptAt(),
                r.lastFailure().map(Enum::name).orElse(null), r.parked());
        }
    }

    /** The grant's facts without its tokens. */
    @Serdeable
    public record GrantView(String source, List<String> scopes, Instant accessTokenExpiresAt, Instant issuedAt,
                            boolean hasRefreshToken, long refreshTokenAgeSeconds, @Nullable Instant lastRefreshedAt,
                            @Nullable Instant lastAttemptAt, int consecutiveFailures) {

        static GrantView of(GrantSummary g) {
            return new GrantView(g.source().name(), g.scopes().values().stream().map(Object::toString).sorted().toList(),
                g.accessTokenExpiresAt(), g.issuedAt(), g.hasRefreshToken(), g.refreshTokenAge().toSeconds(),
                g.lastRefreshedAt().orElse(null), g.lastAttemptAt().orElse(null), g.consecutiveFailures());
        }
    }

    static InstallationResponse of(InstallationSummary s) {
        boolean company = s.key().locationId().isEmpty();
        return new InstallationResponse(s.id().toString(), s.key().appId().value(), s.key().companyId().value(),
            s.key().locationId().map(l -> l.value()).orElse(null), s.userType().highLevelName(), s.status().name(),
            s.reason().name(), s.createdAt(), s.statusChangedAt(),
            company ? s.companyDetails().approvedLocations().stream().map(l -> l.value()).toList() : null,
            company ? s.companyDetails().installToFutureLocations() : null,
            s.plan().map(p -> p.value()).orElse(null),
            s.missingScopes().values().stream().map(Object::toString).toList(),
            s.missingScopes().isEmpty() ? null : "/oauth/install?app=" + s.key().appId().value(),
            s.grant().map(GrantView::of).orElse(null),
            s.pendingUninstall().map(PendingUninstallView::of).orElse(null));
    }
}
