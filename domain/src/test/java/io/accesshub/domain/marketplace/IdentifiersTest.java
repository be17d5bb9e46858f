package io.accesshub.domain.marketplace;

import io.accesshub.domain.shared.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @ParameterizedTest(name = "\"{0}\" is a valid company and location id")
    @ValueSource(strings = {"5DP4iH6HLkQsiKESj6rh", "ve9EPM428h8vShlRW1KT", "a", "with_underscore-and.dot"})
    void opaqueHighLevelIdsAreAccepted(String value) {
        assertThat(CompanyId.of(value).value()).isEqualTo(value);
        assertThat(LocationId.of(value).toString()).isEqualTo(value);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", " ", "has space", "semi;colon", "quote'", "slash/", "ünïcode"})
    void malformedIdsAreRefused(String value) {
        assertThatThrownBy(() -> CompanyId.of(value)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> LocationId.of(value)).isInstanceOf(DomainException.class);
    }

    @Test
    void idsLongerThan128CharactersAreRefused() {
        assertThat(LocationId.of("x".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> LocationId.of("x".repeat(129))).isInstanceOf(DomainException.class);
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatNullPointerException().isThrownBy(() -> CompanyId.of(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Company", "company", "COMPANY"})
    void userTypesParseHighLevelsSpellingIgnoringCase(String value) {
        assertThat(UserType.fromHighLevelName(value)).isEqualTo(UserType.COMPANY);
        assertThat(UserType.LOCATION.highLevelName()).isEqualTo("Location");
    }
}
