package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopesTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "contacts.readonly oauth.write       | contacts.readonly oauth.write",
            "oauth.write contacts.readonly       | contacts.readonly oauth.write",
            "'  oauth.write   oauth.write  '     | oauth.write",
            "'locations.readonly\tcontacts.write' | contacts.write locations.readonly",
            "''                                   | ''",
            "'   '                                | ''",
    })
    void highLevelsSpaceSeparatedFormParsesToTheCanonicalForm(String raw, String canonical) {
        assertThat(Scopes.parse(raw).toString()).isEqualTo(canonical);
    }

    @Test
    void theCanonicalFormParsesBackToTheSameScopes() {
        Scopes scopes = Scopes.parse("users.readonly oauth.write contacts.write");
        assertThat(Scopes.parse(scopes.toString())).isEqualTo(scopes);
    }

    @ParameterizedTest(name = "\"{0}\" covers \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "contacts.readonly oauth.write | oauth.write                   | true",
            "contacts.readonly oauth.write | contacts.readonly oauth.write | true",
            "contacts.readonly oauth.write | ''                            | true",
            "contacts.readonly             | oauth.write                   | false",
            "contacts.readonly             | contacts.write                | false",
            "contacts.write                | contacts.readonly             | false",
            "oauth.write                   | oauth.write oauth.readonly    | false",
            "''                            | oauth.write                   | false",
            "OAUTH.WRITE                   | oauth.write                   | false",
    })
    void coversHoldsOnlyWhenEveryRequiredScopeIsGrantedExactly(String granted, String required, boolean covers) {
        assertThat(Scopes.parse(granted).covers(Scopes.parse(required))).isEqualTo(covers);
    }

    @Test
    void coversASingleScope() {
        Scopes scopes = Scopes.parse("oauth.write contacts.readonly");
        assertThat(scopes.covers(Scope.OAUTH_WRITE)).isTrue();
        assertThat(scopes.covers(Scope.OAUTH_READONLY)).isFalse();
    }

    @Test
    void missingFromNamesTheScopesThatAreNotGranted() {
        Scopes granted = Scopes.parse("contacts.readonly");
        assertThat(granted.missingFrom(Scopes.parse("oauth.write contacts.readonly locations.readonly")))
                .hasToString("locations.readonly oauth.write");
    }

    @Test
    void aScopeCannotContainWhitespace() {
        assertThatThrownBy(() -> Scope.of("oauth write")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Scope.of("")).isInstanceOf(DomainException.class);
    }

    @Test
    void scopesAreValuesIndependentOfInsertionOrder() {
        assertThat(Scopes.of(Scope.OAUTH_WRITE, Scope.OAUTH_READONLY))
                .isEqualTo(Scopes.parse("oauth.readonly oauth.write"))
                .hasSameHashCodeAs(Scopes.parse("oauth.write oauth.readonly"));
    }
}
