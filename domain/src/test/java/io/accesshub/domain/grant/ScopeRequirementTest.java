package io.accesshub.domain.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.marketplace.UserType;
import org.junit.jupiter.api.Test;

class ScopeRequirementTest {

    private static final Scopes CONFIGURED = Scopes.parse("contacts.readonly contacts.write oauth.write oauth.readonly");

    @Test
    void anAgencyGrantMustHoldEveryConfiguredScope() {
        assertThat(ScopeRequirement.missing(CONFIGURED, UserType.COMPANY, Scopes.parse("contacts.readonly oauth.write")))
            .isEqualTo(Scopes.parse("contacts.write oauth.readonly"));
        assertThat(ScopeRequirement.missing(CONFIGURED, UserType.COMPANY, CONFIGURED).isEmpty()).isTrue();
    }

    @Test
    void aLocationGrantIsNotExpectedToHoldTheAgencyLevelOauthScopes() {
        assertThat(ScopeRequirement.missing(CONFIGURED, UserType.LOCATION, Scopes.parse("contacts.readonly")))
            .isEqualTo(Scopes.parse("contacts.write"));
        assertThat(ScopeRequirement.missing(CONFIGURED, UserType.LOCATION,
            Scopes.parse("contacts.readonly contacts.write")).isEmpty()).isTrue();
    }

    @Test
    void scopesGrantedBeyondTheConfiguredOnesAreNotMissing() {
        assertThat(ScopeRequirement.missing(Scopes.parse("contacts.readonly"), UserType.COMPANY,
            Scopes.parse("contacts.readonly calendars.readonly")).isEmpty()).isTrue();
    }

    @Test
    void anAppWithoutTheOauthScopesIsToldWhatItCannotDo() {
        assertThat(ScopeRequirement.agencyLimitations(Scopes.parse("contacts.readonly"))).hasSize(2)
            .anySatisfy(l -> assertThat(l).contains("oauth.write").contains("mint"))
            .anySatisfy(l -> assertThat(l).contains("oauth.readonly").contains("list"));
        assertThat(ScopeRequirement.agencyLimitations(Scopes.parse("contacts.readonly oauth.readonly")))
            .singleElement().asString().contains("oauth.write");
        assertThat(ScopeRequirement.agencyLimitations(Scopes.parse("oauth.write oauth.readonly"))).isEmpty();
    }
}
