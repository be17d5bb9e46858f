package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.PurgeInstallStatesUseCase;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Installs bound to the browser, end to end on the real database and the simulator: a callback carrying a state
 * issued to another browser is refused and nothing is stored; the SaaS's reference comes back with a signed handle;
 * install links and marketplace callbacks are rate-limited by client address, believed from trusted proxies only.
 */
class InstallBindingTest {

    private static final String PLAIN_COOKIE = "accesshub_install_binding";
    private static final String SECURE_COOKIE = "__Host-accesshub_install_binding";

    private HubHarness harness;
    private HubHarness.Hub hub;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().fastTestProfile().locationCount(5));
        hub = harness.startHub();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** Authorization codes HighLevel (the simulator) was asked to exchange. */
    private long codeExchanges() {
        return harness.simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.AUTHORIZATION_CODE && p.isPresentation()).count();
    }

    private static String cookieIn(HttpClient browser, String name) {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    /** A callback of an install started in the marketplace: no state. */
    private String marketplaceCallback(String locationId) {
        return harness.simulator.authorize(AuthorizeRequest.forLocation(harness.simulator.config().clientId(),
            harness.simulator.config().redirectUris().get(0), harness.simulator.config().scopeString(), locationId))
            .redirectUrl();
    }

    private String onHub(HubHarness.Hub target, String callback) {
        return callback.replaceFirst("localhost:\\d+", "127.0.0.1:" + target.server().getPort());
    }

    private static Map<String, String> query(String location) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1),
                StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void aCallbackCarryingAStateIssuedToAnotherBrowserIsRefusedAndNothingIsStored() throws Exception {
        HttpClient attacker = HubHarness.newBrowser();
        String callback = harness.consent(attacker, hub.url("/oauth/install"), AuthorizeRequest.Target.LOCATION,
            "sim-loc-0001", List.of());
        HttpClient victimWithOwnInstall = HubHarness.newBrowser();
        assertThat(harness.get(victimWithOwnInstall, hub.url("/oauth/install"), null).status()).isEqualTo(302);
        String attackersCookie = cookieIn(attacker, PLAIN_COOKIE);
        String tampered = attackersCookie.substring(0, attackersCookie.length() - 1)
            + (attackersCookie.endsWith("A") ? "B" : "A");

        List<HubHarness.Response> refused = List.of(
            harness.completeInstall(HubHarness.newBrowser(), hub, callback),
            harness.completeInstall(victimWithOwnInstall, hub, callback),
            harness.get(HubHarness.newBrowser(), onHub(hub, callback), null, "Cookie", PLAIN_COOKIE + "=" + tampered));

        for (HubHarness.Response response : refused) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/html"));
            assertThat(response.body()).contains("state_other_browser");
        }
        assertThat(codeExchanges()).as("HighLevel was never asked to exchange the code").isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM installation")).isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM token_grant")).isZero();
        assertThat(harness.count("SELECT COUNT(*) FROM install_state WHERE used_at IS NOT NULL"))
            .as("the state was not consumed").isZero();

        HubHarness.Response own = harness.completeInstall(attacker, hub, callback);
        assertThat(own.status()).as("the browser that started the install completes it").isEqualTo(200);
        assertThat(codeExchanges()).isEqualTo(1);
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
    }

    @Test
    void theInstallCookieIsHttpOnlyLaxAndSecureOnlyWhenATrustedProxySaysHttps() throws Exception {
        HubHarness.Response plain = harness.get(HubHarness.newBrowser(), hub.url("/oauth/install"), null,
            "X-Forwarded-Proto", "https");
        HubHarness.Hub behindProxy = harness.startHub(Map.of("accesshub.trusted-proxies", "10.0.0.0/8, 127.0.0.1"));
        HubHarness.Response secure = harness.get(HubHarness.newBrowser(), behindProxy.url("/oauth/install"), null,
            "X-Forwarded-Proto", "https");

        String plainCookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(plainCookie).as("an untrusted peer's X-Forwarded-Proto is not believed")
            .startsWith(PLAIN_COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
            .contains("Path=/", "Max-Age=900").doesNotContainIgnoringCase("Secure");
        String secureCookie = secure.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(secureCookie).startsWith(SECURE_COOKIE + "=").containsIgnoringCase("Secure")
            .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/")
            .doesNotContainIgnoringCase("Domain=");

        // The browser sends the secure cookie back over HTTPS (the proxy's), and the install completes.
        String value = HttpCookie.parse(secureCookie).get(0).getValue();
        String callback = harness.simulator.authorize(AuthorizeRequest.fromAuthorizationUrl(
            secure.headers().firstValue("Location").orElseThrow(), AuthorizeRequest.Target.LOCATION, "sim-loc-0002",
            List.of(), false)).redirectUrl();
        HubHarness.Response done = harness.get(HubHarness.newBrowser(), onHub(behindProxy, callback), null,
            "Cookie", SECURE_COOKIE + "=" + value, "X-Forwarded-Proto", "https");
        assertThat(done.status()).isEqualTo(200);
    }

    @Test
    void theReferenceComesBackWithASignedHandleThatEveryInstanceResolvesFor24Hours() throws Exception {
        HubHarness.Hub redirecting = harness.startHub(Map.of("accesshub.install.success-redirect-url",
            "https://app.example.com/installed?done=1"));
        String ref = "saas user/42 ✓";
        String callback = harness.consent(harness.http, redirecting.url("/oauth/install?ref="
            + URLEncoder.encode(ref, StandardCharsets.UTF_8)), AuthorizeRequest.Target.LOCATION, "sim-loc-0003",
            List.of());

        HubHarness.Response done = harness.completeInstall(redirecting, callback);

        assertThat(done.status()).as("303 See Other").isEqualTo(303);
        String location = done.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://app.example.com/installed?done=1&accesshub_install=");
        Map<String, String> returned = query(location);
        assertThat(returned).containsEntry("accesshub_ref", ref).containsEntry("done", "1");
        String handle = returned.get("accesshub_install");
        HubHarness.Response lookup = harness.get(hub.url("/api/v1/installs/" + handle), HubHarness.API_KEY);
        assertThat(lookup.status()).as("resolved by the other instance").isEqualTo(200);
        assertThat(lookup.headers().firstValue("Cache-Control")).hasValue("no-store");
        @SuppressWarnings("unchecked")
        Map<String, Object> installation = (Map<String, Object>) ((List<?>) harness.get(
            hub.url("/api/v1/installations?locationId=sim-loc-0003"), HubHarness.API_KEY).json().get("items")).get(0);
        assertThat(lookup.json()).containsEntry("ref", ref).containsEntry("installationId", installation.get("id"))
            .containsEntry("status", "ACTIVE").containsEntry("companyId", "sim-company-1")
            .containsEntry("locationId", "sim-loc-0003");

        String tampered = handle.substring(0, 10) + (handle.charAt(10) == 'A' ? 'B' : 'A') + handle.substring(11);
        for (String bad : List.of(tampered, "nope", handle + "A")) {
            HubHarness.Response notFound = harness.get(hub.url("/api/v1/installs/" + bad), HubHarness.API_KEY);
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(notFound.json()).containsEntry("code", "not_found");
        }
        assertThat(harness.get(hub.url("/api/v1/installs/" + handle), null).status()).isEqualTo(401);

        HubHarness.Response marketplace = harness.completeInstall(redirecting, marketplaceCallback("sim-loc-0004"));
        assertThat(marketplace.status()).isEqualTo(303);
        Map<String, String> fromMarketplace = query(marketplace.headers().firstValue("Location").orElseThrow());
        assertThat(fromMarketplace).containsKey("accesshub_install").doesNotContainKey("accesshub_ref");
        HubHarness.Response marketplaceLookup = harness.get(
            hub.url("/api/v1/installs/" + fromMarketplace.get("accesshub_install")), HubHarness.API_KEY);
        assertThat(marketplaceLookup.json()).containsEntry("ref", null).containsEntry("locationId", "sim-loc-0004");
    }

    @Test
    void aReferenceOfMoreThan200CharactersIsABadRequestProblemAndStartsNothing() throws Exception {
        HttpClient browser = HubHarness.newBrowser();
        HubHarness.Response tooLong = harness.get(browser, hub.url("/oauth/install?ref=" + "r".repeat(201)), null);

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(tooLong.json()).containsEntry("code", "invalid_ref");
        assertThat(tooLong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(harness.count("SELECT COUNT(*) FROM install_state")).isZero();
        assertThat(harness.get(browser, hub.url("/oauth/install?ref=" + "r".repeat(200)), null).status())
            .isEqualTo(302);
        assertThat(harness.count("SELECT COUNT(*) FROM install_state WHERE CHAR_LENGTH(install_ref) = 200"))
            .isEqualTo(1);
    }

    @Test
    void installLinksAreLimitedPerClientAddressWithATooManyRequestsProblem() throws Exception {
        HubHarness.Hub limited = harness.startHub(Map.of("accesshub.install.links-per-minute", "2"));

        assertThat(harness.get(limited.url("/oauth/install"), null).status()).isEqualTo(302);
        assertThat(harness.get(HubHarness.newBrowser(), limited.url("/oauth/install"), null).status()).isEqualTo(302);
        HubHarness.Response third = harness.get(limited.url("/oauth/install"), null);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(third.json()).containsEntry("code", "too_many_installs").containsEntry("status", 429);
        assertThat(third.headers().firstValue("Retry-After")).hasValueSatisfying(
            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 30L));
        assertThat(harness.count("SELECT COUNT(*) FROM install_state")).as("no row for the refused link").isEqualTo(2);
    }

    @Test
    void xForwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        HubHarness.Hub direct = harness.startHub(Map.of("accesshub.install.links-per-minute", "1"));
        HubHarness.Hub proxied = harness.startHub(Map.of("accesshub.install.links-per-minute", "1",
            "accesshub.trusted-proxies", "127.0.0.1"));

        assertThat(link(direct, "198.51.100.1")).isEqualTo(302);
        assertThat(link(direct, "198.51.100.2")).as("a header from an untrusted peer changes nothing").isEqualTo(429);

        assertThat(link(proxied, "198.51.100.1")).isEqualTo(302);
        assertThat(link(proxied, "198.51.100.1")).isEqualTo(429);
        assertThat(link(proxied, "198.51.100.2")).as("another client behind the proxy").isEqualTo(302);
        assertThat(link(proxied, "198.51.100.2, 198.51.100.3"))
            .as("the hop the proxy appended counts, not a forged one").isEqualTo(302);
        assertThat(link(proxied, "198.51.100.1, 198.51.100.3")).isEqualTo(429);
    }

    private int link(HubHarness.Hub target, String forwardedFor) throws Exception {
        return harness.get(HubHarness.newBrowser(), target.url("/oauth/install"), null, "X-Forwarded-For",
            forwardedFor).status();
    }

    @Test
    void marketplaceInstallsStayAcceptedAndAreLimitedPerClientAddressAndPerApp() throws Exception {
        HubHarness.Hub limited = harness.startHub(Map.of("accesshub.trusted-proxies", "127.0.0.1",
            "accesshub.install.marketplace-callbacks-per-minute", "1",
            "accesshub.install.app-callbacks-per-minute", "2"));

        HubHarness.Response first = harness.get(HubHarness.newBrowser(),
            onHub(limited, marketplaceCallback("sim-loc-0001")), null, "X-Forwarded-For", "198.51.100.1");
        HubHarness.Response sameAddress = harness.get(HubHarness.newBrowser(),
            onHub(limited, marketplaceCallback("sim-loc-0002")), null, "X-Forwarded-For", "198.51.100.1");
        HubHarness.Response otherAddress = harness.get(HubHarness.newBrowser(),
            onHub(limited, marketplaceCallback("sim-loc-0002")), null, "X-Forwarded-For", "198.51.100.2");
        HubHarness.Response appExhausted = harness.get(HubHarness.newBrowser(),
            onHub(limited, marketplaceCallback("sim-loc-0003")), null, "X-Forwarded-For", "198.51.100.3");

        assertThat(first.status()).as("no state, no cookie: accepted").isEqualTo(200);
        assertThat(sameAddress.status()).isEqualTo(429);
        assertThat(sameAddress.body()).contains("too_many_installs");
        assertThat(sameAddress.headers().firstValue("Retry-After")).isPresent();
        assertThat(otherAddress.status()).isEqualTo(200);
        assertThat(appExhausted.status()).as("the app's budget of 2 a minute is spent").isEqualTo(429);
        assertThat(codeExchanges()).as("refused callbacks never reach HighLevel").isEqualTo(2);
        assertThat(harness.status(limited, "sim-loc-0001")).isEqualTo("ACTIVE");
        assertThat(harness.status(limited, "sim-loc-0002")).isEqualTo("ACTIVE");
        assertThat(harness.status(limited, "sim-loc-0003")).isEqualTo("NONE");
    }

    @Test
    void statesExpiredForMoreThanAnHourArePurgedAndPendingOnesKept() throws Exception {
        assertThat(harness.get(hub.url("/oauth/install"), null).status()).isEqualTo(302);
        for (int i = 0; i < 3; i++) {
            harness.sql("INSERT INTO install_state (state_hash, app_id, browser_hash, expires_at) VALUES (LPAD('" + i
                + "', 64, 'a'), 'app', LPAD('b', 64, 'b'), DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 2 HOUR))");
        }
        harness.sql("INSERT INTO install_state (state_hash, app_id, expires_at) VALUES (LPAD('old', 64, 'c'), 'app',"
            + " DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 3 HOUR))");
        harness.sql("INSERT INTO install_state (state_hash, app_id, browser_hash, expires_at) VALUES (LPAD('late', 64,"
            + " 'd'), 'app', LPAD('b', 64, 'b'), DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 30 MINUTE))");

        long purged = hub.bean(PurgeInstallStatesUseCase.class).purgeExpiredStates();

        assertThat(purged).isEqualTo(4);
        assertThat(harness.count("SELECT COUNT(*) FROM install_state")).as("the pending one and the late one")
            .isEqualTo(2);
    }
}
