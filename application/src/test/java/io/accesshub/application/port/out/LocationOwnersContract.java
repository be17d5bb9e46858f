package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.exchange.LocationOwnership;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LocationOwners} must do; the in-memory fake and the database adapter both run it. */
public abstract class LocationOwnersContract {

    private static final MarketplaceAppId APP = MarketplaceAppId.of("app1");
    private static final MarketplaceAppId OTHER_APP = MarketplaceAppId.of("app2");
    private static final CompanyId AGENCY = CompanyId.of("agency1");
    private static final CompanyId OTHER_AGENCY = CompanyId.of("agency2");
    private static final LocationId L1 = LocationId.of("loc1");
    private static final LocationId L2 = LocationId.of("loc2");
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");

    private LocationOwners owners;

    protected abstract LocationOwners newOwners();

    @BeforeEach
    void start() {
        owners = newOwners();
    }

    @Test
    void aLearnedOwnerIsFoundForItsAppOnly() {
        owners.learn(APP, AGENCY, List.of(L1, L2));

        assertThat(owners.ownerOf(APP, L1)).contains(AGENCY);
        assertThat(owners.ownerOf(APP, L2)).contains(AGENCY);
        assertThat(owners.ownerOf(OTHER_APP, L1)).isEmpty();
        assertThat(owners.ownerOf(APP, LocationId.of("never-seen"))).isEmpty();
    }

    @Test
    void savedEvidenceOfARemovalIsReadBackAsSaved() {
        LocationOwnership evidence = LocationOwnership.owned(APP, L1, AGENCY).listed(AGENCY, false, T0);
        LocationOwnership applied = LocationOwnership.owned(APP, L2, AGENCY).listed(AGENCY, false, T0)
            .withRemovalApplied();

        owners.save(List.of(evidence, applied));

        Map<LocationId, LocationOwnership> found = owners.find(APP, List.of(L1, L2, LocationId.of("absent")));
        assertThat(found).containsOnlyKeys(L1, L2);
        assertThat(found.get(L1)).isEqualTo(evidence);
        assertThat(found.get(L2)).isEqualTo(applied);
        assertThat(owners.find(OTHER_APP, List.of(L1))).isEmpty();
    }

    @Test
    void learningTheSameOwnerAgainKeepsTheEvidenceAndAnotherOwnerDropsIt() {
        owners.save(List.of(LocationOwnership.owned(APP, L1, AGENCY).listed(AGENCY, false, T0),
            LocationOwnership.owned(APP, L2, AGENCY).listed(AGENCY, false, T0).withRemovalApplied()));

        owners.learn(APP, AGENCY, List.of(L1));
        owners.learn(APP, OTHER_AGENCY, List.of(L2));

        Map<LocationId, LocationOwnership> found = owners.find(APP, List.of(L1, L2));
        assertThat(found.get(L1).notInstalledSince()).contains(T0);
        assertThat(found.get(L2)).isEqualTo(new LocationOwnership(APP, L2, OTHER_AGENCY, Optional.empty(), false));
    }

    @Test
    void savingReplacesWhatWasStored() {
        owners.save(List.of(LocationOwnership.owned(APP, L1, AGENCY).listed(AGENCY, false, T0)));

        owners.save(List.of(LocationOwnership.owned(APP, L1, AGENCY)));

        assertThat(owners.find(APP, List.of(L1)).get(L1).notInstalledSince()).isEmpty();
    }

    @Test
    void nothingToLearnOrSaveIsHarmless() {
        owners.learn(APP, AGENCY, List.of());
        owners.save(List.of());

        assertThat(owners.find(APP, List.of())).isEmpty();
    }
}
