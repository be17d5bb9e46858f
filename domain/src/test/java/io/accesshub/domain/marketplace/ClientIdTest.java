package io.accesshub.domain.marketplace;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientIdTest {

    @ParameterizedTest(name = "{0} belongs to app {1}")
    @CsvSource({
            "6650af1b2c3d4e5f60718293-lx2k9q3a, 6650af1b2c3d4e5f60718293",
            "abc-def-ghi,                        abc",
            "a-b,                                a",
    })
    void theAppIdIsThePartBeforeTheFirstDash(String clientId, String appId) {
        assertThat(ClientId.parse(clientId).appId()).isEqualTo(MarketplaceAppId.of(appId));
    }

    @ParameterizedTest(name = "\"{0}\" is not a client id")
    @ValueSource(strings = {"", "nodash", "-suffix", "app-", "app -x", "app-x\n", "app/-x"})
    void aClientIdWithoutAppAndSuffixIsRefused(String value) {
        assertThatThrownBy(() -> ClientId.parse(value))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_VALUE));
    }

    @ParameterizedTest(name = "\"{0}\" is not an app id")
    @ValueSource(strings = {"", "app-suffix", "with space", "tab\t"})
    void anAppIdMustBeOneOpaqueWordWithoutDash(String value) {
        assertThatThrownBy(() -> MarketplaceAppId.of(value)).isInstanceOf(DomainException.class);
    }
}
