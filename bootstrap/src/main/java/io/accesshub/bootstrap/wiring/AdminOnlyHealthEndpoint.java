package io.accesshub.bootstrap.wiring;

import io.accesshub.domain.access.Permission;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.management.endpoint.annotation.Selector;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.authentication.Authentication;
import java.security.Principal;
import org.reactivestreams.Publisher;

/**
 * {@code /health} as Micronaut serves it, except who sees what: details (database host and version, apps whose
 * credentials HighLevel refuses) only for API keys with the {@code admin} permission; anyone else, and every call to
 * {@code /health/liveness} and {@code /health/readiness}, gets only {@code UP} or {@code DOWN}. Micronaut's own
 * {@code details-visible} knows only anonymous/authenticated/never, which would show details to every key.
 */
@Endpoint(value = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
public class AdminOnlyHealthEndpoint extends HealthEndpoint {

    public AdminOnlyHealthEndpoint(HealthAggregator<HealthResult> healthAggregator,
                                   HealthIndicator[] healthIndicators,
                                   @Liveness HealthIndicator[] livenessHealthIndicators) {
        super(healthAggregator, healthIndicators, livenessHealthIndicators);
    }

    @Override
    @Read
    public Publisher<HealthResult> getHealth(@Nullable Principal principal) {
        return super.getHealth(principal);
    }

    /** Liveness and readiness: status only, whoever asks. */
    @Override
    @Read
    public Publisher<HealthResult> getHealth(@Nullable Principal principal, @Selector HealthCheckType selector) {
        return super.getHealth(null, selector);
    }

    @Override
    protected HealthLevelOfDetail levelOfDetail(@Nullable Principal principal) {
        boolean admin = principal instanceof Authentication authentication
            && authentication.getRoles().contains(Permission.ADMIN_ROLE);
        return admin ? HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS : HealthLevelOfDetail.STATUS;
    }
}
