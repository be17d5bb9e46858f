package io.accesshub.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.shared.DomainException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyDefinitionTest {

    private static final AccessScope COMPANY_A = new AccessScope(Set.of(), Set.of(CompanyId.of("a")), Set.of());

    @Test
    void anAdminKeyCannotBeScoped() {
        assertThatThrownBy(() -> new ApiKeyDefinition("ops", Set.of(Permission.ADMIN), COMPANY_A, Optional.empty()))
            .isInstanceOf(DomainException.class).hasMessageContaining("admin");
        assertThat(new ApiKeyDefinition("ops", Set.of(Permission.ADMIN), AccessScope.unrestricted(), Optional.empty())
            .has(Permission.ADMIN)).isTrue();
    }

    @Test
    void aMetricsKeyCannotBeScopedBecauseMetricsCountEveryTenant() {
        assertThatThrownBy(() -> new ApiKeyDefinition("prom", Set.of(Permission.METRICS_READ), COMPANY_A,
            Optional.empty())).isInstanceOf(DomainException.class).hasMessageContaining("metrics:read");
        assertThat(new ApiKeyDefinition("prom", Set.of(Permission.METRICS_READ), AccessScope.unrestricted(),
            Optional.empty()).has(Permission.METRICS_READ)).isTrue();
        assertThat(Permission.fromWireName("metrics:read")).contains(Permission.METRICS_READ);
    }

    @Test
    void aKeyNeedsAPermission() {
        assertThatThrownBy(() -> new ApiKeyDefinition("empty", Set.of(), AccessScope.unrestricted(), Optional.empty()))
            .isInstanceOf(DomainException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "colon:name",
        "a-name-that-is-much-too-long-for-an-api-key-because-it-runs-past-64-chars"})
    void namesAreShortAndPlain(String name) {
        assertThatThrownBy(() -> new ApiKeyDefinition(name, Set.of(Permission.TOKENS_READ), AccessScope.unrestricted(),
            Optional.empty())).isInstanceOf(DomainException.class);
    }

    @Test
    void aKeyExpiresAtItsExpiry() {
        Instant at = Instant.parse("2027-01-01T00:00:00Z");
        ApiKeyDefinition key = new ApiKeyDefinition("billing", Set.of(Permission.TOKENS_READ), COMPANY_A,
            Optional.of(at));
        assertThat(key.isExpiredAt(at.minusMillis(1))).isFalse();
        assertThat(key.isExpiredAt(at)).isTrue();
    }

    @Test
    void everyPermissionHasAUniqueWireName() {
        for (Permission permission : Permission.values()) {
            assertThat(Permission.fromWireName(permission.wireName())).contains(permission);
        }
        assertThat(Permission.fromWireName("tokens:write")).isEmpty();
    }
}
