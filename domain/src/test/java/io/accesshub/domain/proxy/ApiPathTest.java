package io.accesshub.domain.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"contacts/", "contacts/search", "/contacts/abc123", "locations/x/customFields",
        "contacts/a%20b", "calendars/events"})
    void productPathsAreAllowedAsWritten(String raw) {
        ApiPath.Decision decision = ApiPath.of(raw);

        assertThat(decision).isInstanceOf(ApiPath.Allowed.class);
        assertThat(((ApiPath.Allowed) decision).path().encoded()).isEqualTo(raw.startsWith("/") ? raw.substring(1)
            : raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth/token", "OAuth/locationToken", "%6Fauth/token", "oauth", "marketplace/app/1",
        "MARKETPLACE/x", "contacts/../oauth/token", "contacts/%2e%2e/x", "contacts/./x", "contacts//x",
        "contacts/%2Foauth", "contacts/a%5Cb", "contacts/%0d%0aX: y", "contacts/%zz", "", "/",
        "contacts/a b"})
    void hubOnlyAndMalformedPathsAreRefused(String raw) {
        assertThat(ApiPath.of(raw)).as(raw).isInstanceOf(ApiPath.Refused.class);
    }

    @Test
    void theVersionFollowsThePathUnlessTheCallerSentOne() {
        ApiPath contacts = ((ApiPath.Allowed) ApiPath.of("contacts/")).path();
        ApiPath calendars = ((ApiPath.Allowed) ApiPath.of("Calendars/events")).path();

        assertThat(ApiVersions.DEFAULT.versionFor(contacts, Optional.empty())).isEqualTo("2021-07-28");
        assertThat(ApiVersions.DEFAULT.versionFor(calendars, Optional.empty())).isEqualTo("2021-04-15");
        assertThat(ApiVersions.DEFAULT.versionFor(contacts, Optional.of("2099-01-01"))).isEqualTo("2099-01-01");
    }

    @Test
    void maxWaitIsWholeSecondsDefaultTenCappedAtSixty() {
        assertThat(MaxWait.parse(Optional.empty())).contains(java.time.Duration.ofSeconds(10));
        assertThat(MaxWait.parse(Optional.of("0"))).contains(java.time.Duration.ZERO);
        assertThat(MaxWait.parse(Optional.of(" 25 "))).contains(java.time.Duration.ofSeconds(25));
        assertThat(MaxWait.parse(Optional.of("3600"))).contains(java.time.Duration.ofSeconds(60));
        assertThat(MaxWait.parse(Optional.of("-1"))).isEmpty();
        assertThat(MaxWait.parse(Optional.of("1.5"))).isEmpty();
        assertThat(MaxWait.parse(Optional.of("ten"))).isEmpty();
        assertThat(MaxWait.parse(Optional.of(""))).isEmpty();
    }

    @Test
    void credentialsHopByHopAndHubHeadersNeverCrossAndOnlyContentAndBudgetHeadersComeBack() {
        java.util.Set<String> named = java.util.Set.of("x-private");
        assertThat(ForwardedHeaders.towardsHighLevel("Content-Type", named)).isTrue();
        assertThat(ForwardedHeaders.towardsHighLevel("X-Custom", named)).isTrue();
        for (String header : java.util.List.of("Authorization", "X-API-Key", "Cookie", "Connection", "Keep-Alive",
                "Proxy-Authorization", "TE", "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
                "X-AccessHub-Max-Wait", "X-Private")) {
            assertThat(ForwardedHeaders.towardsHighLevel(header, named)).as(header).isFalse();
        }
        assertThat(ForwardedHeaders.backToCaller("Content-Type")).isTrue();
        assertThat(ForwardedHeaders.backToCaller("X-RateLimit-Remaining")).isTrue();
        assertThat(ForwardedHeaders.backToCaller("Set-Cookie")).isFalse();
        assertThat(RetryRule.mayRepeat("get")).isTrue();
        assertThat(RetryRule.mayRepeat("PUT")).isTrue();
        assertThat(RetryRule.mayRepeat("POST")).isFalse();
        assertThat(RetryRule.mayRepeat("PATCH")).isFalse();
    }
}
