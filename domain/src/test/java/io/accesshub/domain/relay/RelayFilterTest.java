package io.accesshub.domain.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RelayFilterTest {

    private static final MarketplaceAppId APP = MarketplaceAppId.of("app1");
    private static final CompanyId AGENCY = CompanyId.of("agency1");

    private static InstallationEvent event(InstallationEventType type, MarketplaceAppId app, CompanyId company) {
        return new InstallationEvent(type, InstallationId.of(UUID.randomUUID()),
            InstallationKey.forLocation(app, company, LocationId.of("loc1")), InstallationStatus.ACTIVE,
            StateReason.GRANT_MINTED, Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void onlyTheSubscribedTypesAreReceived() {
        RelayFilter filter = new RelayFilter(Set.of(RelayEventType.NEEDS_REAUTH), Set.of(), Set.of());

        assertThat(filter.matches(event(InstallationEventType.NEEDS_REAUTH, APP, AGENCY))).isTrue();
        assertThat(filter.matches(event(InstallationEventType.ACTIVATED, APP, AGENCY))).isFalse();
    }

    @Test
    void namedAppsAndCompaniesNarrowTheEventsAndBothMustMatch() {
        RelayFilter filter = new RelayFilter(Set.of(RelayEventType.ACTIVATED), Set.of(APP), Set.of(AGENCY));

        assertThat(filter.matches(event(InstallationEventType.ACTIVATED, APP, AGENCY))).isTrue();
        assertThat(filter.matches(event(InstallationEventType.ACTIVATED, MarketplaceAppId.of("app2"), AGENCY)))
            .isFalse();
        assertThat(filter.matches(event(InstallationEventType.ACTIVATED, APP, CompanyId.of("agency2")))).isFalse();
    }

    @Test
    void aFilterWithoutEventTypesIsRefused() {
        assertThatThrownBy(() -> new RelayFilter(Set.of(), Set.of(), Set.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
