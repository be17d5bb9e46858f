package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.grant.RefreshFailure;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenExchangeOutcomeTest {

    static Stream<Arguments> failures() {
        return Stream.of(
            Arguments.of(new TokenExchangeOutcome.InvalidGrant("Invalid grant: refresh token is invalid"),
                RefreshFailure.REJECTED),
            Arguments.of(new TokenExchangeOutcome.LocationNotActive(), RefreshFailure.LOCATION_NOT_ACTIVE),
            Arguments.of(new TokenExchangeOutcome.Transient(Optional.empty(), "503"), RefreshFailure.TRANSIENT),
            Arguments.of(new TokenExchangeOutcome.Uncertain("read timeout"), RefreshFailure.NO_ANSWER),
            Arguments.of(new TokenExchangeOutcome.InvalidClient(401, "Invalid client credentials"),
                RefreshFailure.CLIENT_REJECTED),
            Arguments.of(new TokenExchangeOutcome.Rejected(403, "Forbidden"), RefreshFailure.REFUSED));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void onlyAnInvalidGrantCountsAsARejectedRefresh(TokenExchangeOutcome outcome, RefreshFailure expected) {
        assertThat(outcome.asRefreshFailure()).contains(expected);
    }
}
