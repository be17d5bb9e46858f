package io.accesshub.adapter.persistence.grant;

import io.accesshub.domain.grant.RefreshTiming;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * The refresh timing the grant adapter schedules with when the application does not provide its configured one
 * (bootstrap does; this default serves the adapter on its own, e.g. in its tests).
 */
@Factory
class DefaultRefreshTiming {

    @Singleton
    @Secondary
    RefreshTiming defaultRefreshTiming() {
        return RefreshTiming.DEFAULT;
    }
}
