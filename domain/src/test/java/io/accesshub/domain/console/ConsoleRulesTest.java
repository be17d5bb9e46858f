package io.accesshub.domain.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ConsoleRulesTest {

    private static final String VALUE = "s3cr3t-session-token-value_0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static Stream<Arguments> keys() {
        AccessScope company = new AccessScope(Set.of(), Set.of(CompanyId.of("c-1")), Set.of());
        AccessScope location = new AccessScope(Set.of(), Set.of(), Set.of(LocationId.of("l-1")));
        AccessScope app = new AccessScope(Set.of(MarketplaceAppId.of("65f0c0ffee0123456789abcd")), Set.of(), Set.of());
        return Stream.of(
            Arguments.of(Set.of(Permission.ADMIN), AccessScope.unrestricted(), ConsoleAdmission.ADMITTED),
            Arguments.of(Set.of(Permission.ADMIN, Permission.TOKENS_READ), AccessScope.unrestricted(),
                ConsoleAdmission.ADMITTED),
            Arguments.of(Set.of(Permission.INSTALLATIONS_READ), AccessScope.unrestricted(), ConsoleAdmission.NOT_ADMIN),
            Arguments.of(Set.of(Permission.METRICS_READ), AccessScope.unrestricted(), ConsoleAdmission.NOT_ADMIN),
            Arguments.of(Set.of(Permission.TOKENS_READ), company, ConsoleAdmission.SCOPED),
            Arguments.of(Set.of(Permission.TOKENS_READ), location, ConsoleAdmission.SCOPED),
            Arguments.of(Set.of(Permission.ADMIN), app, ConsoleAdmission.SCOPED));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void onlyUnscopedAdminKeysAreAdmitted(Set<Permission> permissions, AccessScope scope, ConsoleAdmission expected) {
        assertThat(ConsoleAdmission.judge(permissions, scope)).isEqualTo(expected);
    }

    @Test
    void aSessionTokenIsStoredAsAHashAndItsCsrfTokenIsNeitherTheHashNorTheValue() {
        ConsoleSessionToken token = new ConsoleSessionToken(VALUE);

        assertThat(token.hash()).hasSize(64).matches("[0-9a-f]+").doesNotContain(VALUE);
        assertThat(token.csrfToken()).isNotEqualTo(token.hash()).doesNotContain(VALUE).hasSize(43);
        assertThat(token.acceptsCsrf(token.csrfToken())).isTrue();
        assertThat(token.acceptsCsrf(new ConsoleSessionToken(VALUE + "x").csrfToken())).isFalse();
        assertThat(token.acceptsCsrf(token.hash())).isFalse();
        assertThat(token.acceptsCsrf(null)).isFalse();
        assertThat(token.toString()).doesNotContain(VALUE);
    }

    @Test
    void onlyUrlSafeValuesOfAtLeast32CharactersAreSessionTokens() {
        assertThat(ConsoleSessionToken.parse(VALUE)).isPresent();
        assertThat(ConsoleSessionToken.parse("a".repeat(31))).isEmpty();
        assertThat(ConsoleSessionToken.parse("a".repeat(129))).isEmpty();
        assertThat(ConsoleSessionToken.parse("a".repeat(40) + ";b")).isEmpty();
        assertThat(ConsoleSessionToken.parse(null)).isEmpty();
        assertThatThrownBy(() -> new ConsoleSessionToken("short")).isInstanceOf(DomainException.class);
    }

    @Test
    void aSessionIsIdleOnceTheTimeoutPassedSinceItWasLastSeen() {
        ConsoleSession session = ConsoleSession.open(new ConsoleSessionToken(VALUE), "config:ops", "ops", NOW);
        Duration idle = Duration.ofMinutes(30);

        assertThat(session.isIdleAt(NOW.plus(idle).minusMillis(1), idle)).isFalse();
        assertThat(session.isIdleAt(NOW.plus(idle), idle)).isTrue();
        assertThat(ConsoleSession.idleBefore(NOW.plus(idle), idle)).isEqualTo(NOW);
    }

    @Test
    void theIdleTimeoutIsOneMinuteToOneDay() {
        assertThat(ConsoleIdleTimeout.DEFAULT.value()).isEqualTo(Duration.ofMinutes(30));
        assertThat(new ConsoleIdleTimeout(Duration.ofMinutes(1)).value()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new ConsoleIdleTimeout(Duration.ofHours(24)).value()).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> new ConsoleIdleTimeout(Duration.ofSeconds(59))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new ConsoleIdleTimeout(Duration.ofHours(24).plusSeconds(1)))
            .isInstanceOf(DomainException.class);
    }
}
