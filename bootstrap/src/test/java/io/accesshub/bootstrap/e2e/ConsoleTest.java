package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations console over plain HTTP on the real database: sign-in with the right kind of key only, cookies
 * (HttpOnly, SameSite=Strict, Secure and {@code __Host-} behind a trusted HTTPS proxy), CSRF on every state-changing
 * form, sessions that every instance serves and that end within five seconds of the key's revocation, the audit, and
 * pages that never show a key, a session token or a token.
 */
class ConsoleTest {

    private static final Pattern HIDDEN = Pattern.compile("name=\"(form|csrf)\" value=\"([^\"]+)\"");

    private HubHarness harness;
    private HubHarness.Hub hub;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** A browser reduced to what the test needs: its cookies, kept by hand so their attributes can be checked. */
    private final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();
        final Map<String, String> setCookieLines = new LinkedHashMap<>();
        final String[] extraHeaders;

        Browser(String... extraHeaders) {
            this.extraHeaders = extraHeaders;
        }

        HttpResponse<String> get(HubHarness.Hub on, String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(on.url(path))).GET());
        }

        HttpResponse<String> post(HubHarness.Hub on, String path, Map<String, String> form) throws Exception {
            StringBuilder body = new StringBuilder();
            form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return send(HttpRequest.newBuilder(URI.create(on.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (!cookies.isEmpty()) {
                StringBuilder header = new StringBuilder();
                cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=')
                    .append(value));
                request.header("Cookie", header.toString());
            }
            if (extraHeaders.length > 0) {
                request.headers(extraHeaders);
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
            for (String line : response.headers().allValues("Set-Cookie")) {
                String pair = line.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                setCookieLines.put(name, line);
                if (value.isEmpty() || line.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        }

        /** Opens the sign-in page and posts the key with the page's form token. */
        HttpResponse<String> signIn(HubHarness.Hub on, String key) throws Exception {
            HttpResponse<String> page = get(on, "/console/sign-in");
            assertThat(page.statusCode()).isEqualTo(200);
            return post(on, "/console/sign-in", Map.of("apiKey", key, "form", hidden(page.body(), "form")));
        }
    }

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(2));
        hub = harness.startHub(Map.of("accesshub.trusted-proxies", "10.9.9.9"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String hidden(String html, String name) {
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("no hidden field " + name + " in " + html);
    }

    private String createAdminKey(String name) throws Exception {
        HubHarness.Response created = harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY,
            "{\"name\":\"" + name + "\",\"permissions\":[\"admin\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }

    @Test
    void onlyAnUnscopedAdminKeySignsInAndTheSessionCookieIsHttpOnlyAndStrict() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> anonymous = browser.get(hub, "/console");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/console/sign-in");

        HttpResponse<String> wrong = browser.signIn(hub, "ahk_wrong-key-wrong-key-wrong-key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("This API key is not valid.").doesNotContain("ahk_wrong-key");
        HttpResponse<String> proxyOnly = browser.signIn(hub, HubHarness.PROXY_ONLY_KEY);
        assertThat(proxyOnly.statusCode()).isEqualTo(403);
        assertThat(proxyOnly.body()).contains("no admin permission").doesNotContain(HubHarness.PROXY_ONLY_KEY);
        assertThat(browser.cookies).doesNotContainKey("accesshub_console");

        HttpResponse<String> signedIn = browser.signIn(hub, HubHarness.API_KEY);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).contains("/console");
        String cookie = browser.setCookieLines.get("accesshub_console");
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
            .doesNotContainIgnoringCase("Secure").contains("Path=/");
        String token = browser.cookies.get("accesshub_console");
        assertThat(harness.count("SELECT COUNT(*) FROM console_session WHERE session_hash <> '" + token + "'"
            + " AND api_key_id = 'config:e2e' AND key_name = 'e2e'")).as("stored hashed, with the key's id").isEqualTo(1);

        HttpResponse<String> overview = browser.get(hub, "/console");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(overview.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(overview.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(overview.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
            assertThat(csp).contains("default-src 'none'").contains("form-action 'self'"));
        assertThat(overview.body()).contains("<h1>Overview</h1>").contains("Signed in as <strong>e2e</strong>")
            .doesNotContain(token).doesNotContain(HubHarness.API_KEY);
        assertThat(harness.count("SELECT COUNT(*) FROM console_audit WHERE key_name = 'e2e' AND action = 'SIGN_IN'"))
            .isEqualTo(1);
        assertThat(harness.count("SELECT COUNT(*) FROM console_audit WHERE key_name = 'proxy-only'"
            + " AND action = 'SIGN_IN_REFUSED' AND outcome = 'not_admin'")).isEqualTo(1);
    }

    @Test
    void aSignInFormPostedWithoutItsBrowserCookieIsRefused() throws Exception {
        Browser victim = new Browser();
        String formToken = hidden(new Browser().get(hub, "/console/sign-in").body(), "form");

        HttpResponse<String> forged = victim.post(hub, "/console/sign-in", Map.of("apiKey", HubHarness.API_KEY,
            "form", formToken));

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("expired or was not opened in this browser");
        assertThat(victim.cookies).doesNotContainKey("accesshub_console");
        assertThat(harness.count("SELECT COUNT(*) FROM console_session")).isZero();
    }

    @Test
    void behindATrustedHttpsProxyTheCookiesAreSecureAndHostPrefixed() throws Exception {
        // the test's requests come from 127.0.0.1; trust it for this instance only
        HubHarness.Hub proxied = harness.startHub(Map.of("accesshub.trusted-proxies", "127.0.0.1"));
        Browser browser = new Browser("X-Forwarded-Proto", "https");

        HttpResponse<String> signedIn = browser.signIn(proxied, HubHarness.API_KEY);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(browser.setCookieLines.get("__Host-accesshub_console_sign_in")).containsIgnoringCase("Secure");
        assertThat(browser.setCookieLines.get("__Host-accesshub_console")).containsIgnoringCase("Secure")
            .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(browser.get(proxied, "/console").statusCode()).isEqualTo(200);

        Browser untrusted = new Browser("X-Forwarded-Proto", "https");
        untrusted.signIn(hub, HubHarness.API_KEY);
        assertThat(untrusted.setCookieLines.get("accesshub_console")).as("from an untrusted peer the header is ignored")
            .doesNotContainIgnoringCase("Secure");
    }

    @Test
    void everyStateChangingFormNeedsTheSessionsCsrfToken() throws Exception {
        harness.sql("INSERT INTO webhook_inbox (webhook_id, event_kind, event_type, received_at, status, attempts,"
            + " next_attempt_at, last_error) VALUES ('wh-dead-1', 'OTHER', 'ContactCreate', UTC_TIMESTAMP(6), 'DEAD', 8,"
            + " UTC_TIMESTAMP(6), 'simulated failure')");
        long id = harness.count("SELECT id FROM webhook_inbox WHERE webhook_id = 'wh-dead-1'");
        Browser browser = new Browser();
        browser.signIn(hub, HubHarness.API_KEY);
        Browser other = new Browser();
        other.signIn(hub, HubHarness.API_KEY);
        String otherCsrf = hidden(other.get(hub, "/console/dead-letters").body(), "csrf");

        HttpResponse<String> list = browser.get(hub, "/console/dead-letters");
        assertThat(list.body()).contains("wh-dead-1").contains("simulated failure");
        String csrf = hidden(list.body(), "csrf");

        assertThat(browser.post(hub, "/console/dead-letters/" + id + "/replay", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.post(hub, "/console/dead-letters/" + id + "/replay", Map.of("csrf", otherCsrf))
            .statusCode()).as("another session's token").isEqualTo(403);
        assertThat(browser.post(hub, "/console/sign-out", Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'DEAD'")).isEqualTo(1);

        HttpResponse<String> replayed = browser.post(hub, "/console/dead-letters/" + id + "/replay",
            Map.of("csrf", csrf));
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(replayed.headers().firstValue("Location")).contains("/console/dead-letters?replayed=" + id);
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'DEAD'")).isZero();
        assertThat(browser.get(hub, "/console/dead-letters?replayed=" + id).body())
            .contains("Dead letter " + id + " is back in the queue.");
        assertThat(harness.count("SELECT COUNT(*) FROM console_audit WHERE action = 'REPLAY_DEAD_LETTER'"
            + " AND key_name = 'e2e' AND target = 'dead letter " + id + "' AND outcome = 'ok'")).isEqualTo(1);

        HttpResponse<String> signedOut = browser.post(hub, "/console/sign-out", Map.of("csrf", csrf));
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(browser.cookies).doesNotContainKey("accesshub_console");
        assertThat(harness.count("SELECT COUNT(*) FROM console_audit WHERE action = 'SIGN_OUT'")).isEqualTo(1);
        assertThat(other.get(hub, "/console").statusCode()).as("the other session lives on").isEqualTo(200);
    }

    @Test
    void aSessionWorksOnEveryInstanceAndEndsWithinFiveSecondsOfItsKeysRevocation() throws Exception {
        HubHarness.Hub second = harness.startHub();
        String key = createAdminKey("operator-anna");
        Browser browser = new Browser();
        assertThat(browser.signIn(hub, key).statusCode()).isEqualTo(303);
        assertThat(browser.get(second, "/console").statusCode()).as("opened on one instance, served by another")
            .isEqualTo(200);
        String keyId = (String) ((List<?>) harness.get(hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY).json()
            .get("items")).stream().map(Map.class::cast).filter(k -> "operator-anna".equals(k.get("name")))
            .findFirst().orElseThrow().get("id");

        assertThat(harness.send("DELETE", second.url("/api/v1/admin/api-keys/" + keyId), HubHarness.API_KEY, null)
            .status()).isEqualTo(204);
        Instant revoked = Instant.now();

        Optional<Duration> endedAfter = Optional.empty();
        while (Duration.between(revoked, Instant.now()).compareTo(Duration.ofSeconds(6)) < 0) {
            if (browser.get(hub, "/console").statusCode() == 303) {
                endedAfter = Optional.of(Duration.between(revoked, Instant.now()));
                break;
            }
            Thread.sleep(100); // polling the outcome, with a deadline
        }
        assertThat(endedAfter).as("the session ended on the other instance").isPresent();
        assertThat(endedAfter.get()).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(harness.count("SELECT COUNT(*) FROM console_session")).as("deleted").isZero();
    }

    @Test
    void installationsCanBeFilteredPagedAndOpenedWithoutShowingATokenOrAKey() throws Exception {
        List<HubHarness.SeededLocation> seeded = harness.seedLocations(hub, 30);
        Browser browser = new Browser();
        browser.signIn(hub, HubHarness.API_KEY);

        HttpResponse<String> first = browser.get(hub, "/console/installations");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Showing 1–25 of 30").contains("Page 1 of 2").contains("Next page");
        HttpResponse<String> secondPage = browser.get(hub, "/console/installations?page=2");
        assertThat(secondPage.body()).contains("Showing 26–30 of 30").contains("Previous page");

        HubHarness.SeededLocation one = seeded.get(7);
        HttpResponse<String> filtered = browser.get(hub, "/console/installations?locationId=" + one.locationId()
            + "&status=ACTIVE");
        assertThat(filtered.body()).contains("Showing 1–1 of 1").contains(one.locationId());
        assertThat(browser.get(hub, "/console/installations?status=SUSPENDED").body())
            .contains("No installation matches.");
        HttpResponse<String> invalid = browser.get(hub, "/console/installations?status=BOGUS");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Pick a status from the list.");

        HttpResponse<String> detail = browser.get(hub, "/console/installations/" + one.installationId());
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("Location " + one.locationId()).contains("direct install")
            .contains("Consecutive failures").doesNotContain(one.grant().accessToken())
            .doesNotContain(one.grant().refreshToken());
        assertThat(browser.get(hub, "/console/installations/not-a-uuid").statusCode()).isEqualTo(404);

        HttpResponse<String> overview = browser.get(hub, "/console");
        assertThat(overview.body()).containsPattern("Active</a></th>\\s*<td class=\"num\">30</td>");
    }

    @Test
    void deadLettersArePagedOldestFirstAndAReplayReturnsToItsPage() throws Exception {
        // wh-page-01 is the newest: receipt order is the reverse of insertion (and id) order
        for (int i = 1; i <= 30; i++) {
            harness.sql("INSERT INTO webhook_inbox (webhook_id, event_kind, event_type, received_at, status, attempts,"
                + " next_attempt_at, last_error) VALUES ('" + String.format("wh-page-%02d", i) + "', 'OTHER',"
                + " 'ContactCreate', UTC_TIMESTAMP(6) - INTERVAL " + i + " MINUTE, 'DEAD', 8, UTC_TIMESTAMP(6),"
                + " 'simulated failure')");
        }
        Browser browser = new Browser();
        browser.signIn(hub, HubHarness.API_KEY);

        HttpResponse<String> first = browser.get(hub, "/console/dead-letters");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Showing 1–25 of 30").contains("Page 1 of 2").contains("Next page")
            .doesNotContain("Previous page").contains("wh-page-30").contains("wh-page-06").doesNotContain("wh-page-05");
        assertThat(first.body().indexOf("wh-page-30")).as("oldest first").isLessThan(first.body().indexOf("wh-page-29"));

        HttpResponse<String> second = browser.get(hub, "/console/dead-letters?page=2");
        assertThat(second.body()).contains("Showing 26–30 of 30").contains("Page 2 of 2").contains("Previous page")
            .doesNotContain("Next page").contains("wh-page-05").contains("wh-page-01").doesNotContain("wh-page-06");
        assertThat(browser.get(hub, "/console/dead-letters?page=0").statusCode()).isEqualTo(400);
        assertThat(browser.get(hub, "/console/dead-letters?page=x").statusCode()).isEqualTo(400);

        long id = harness.count("SELECT id FROM webhook_inbox WHERE webhook_id = 'wh-page-03'");
        HttpResponse<String> replayed = browser.post(hub, "/console/dead-letters/" + id + "/replay",
            Map.of("csrf", hidden(second.body(), "csrf"), "page", "2"));
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(replayed.headers().firstValue("Location")).contains("/console/dead-letters?replayed=" + id + "&page=2");
        assertThat(browser.get(hub, "/console/dead-letters?page=2").body()).contains("Showing 26–29 of 29")
            .doesNotContain("wh-page-03");
    }

    @Test
    void anAgencyWithMoreThanFiftyLocationsPagesThemAllExactlyOnceAndNotItself() throws Exception {
        List<HubHarness.SeededLocation> seeded = harness.seedLocations(hub, 60);
        io.accesshub.domain.marketplace.MarketplaceAppId app =
            io.accesshub.domain.marketplace.ClientId.parse(harness.simulator.config().clientId()).appId();
        io.accesshub.domain.installation.InstallationId agency =
            io.accesshub.domain.installation.InstallationId.of(java.util.UUID.randomUUID());
        Instant now = Instant.now();
        hub.bean(io.accesshub.application.port.out.InstallationRepository.class).add(
            io.accesshub.domain.installation.Installation.create(agency,
                    io.accesshub.domain.installation.InstallationKey.forCompany(app,
                        io.accesshub.domain.marketplace.CompanyId.of(seeded.get(0).grant().companyId())),
                    io.accesshub.domain.installation.CompanyInstallDetails.none(), now)
                .activate(io.accesshub.domain.installation.StateReason.GRANT_ISSUED, now));
        Browser browser = new Browser();
        browser.signIn(hub, HubHarness.API_KEY);

        HttpResponse<String> first = browser.get(hub, "/console/installations/" + agency);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Agency " + seeded.get(0).grant().companyId())
            .contains("Showing locations 1–50 of 60").contains("Page 1 of 2").contains("Next page")
            .contains("All 60 locations of this agency").doesNotContain("— (agency)");
        HttpResponse<String> second = browser.get(hub, "/console/installations/" + agency + "?page=2");
        assertThat(second.body()).contains("Showing locations 51–60 of 60").contains("Page 2 of 2")
            .contains("Previous page").doesNotContain("Next page");
        String both = first.body() + second.body();
        assertThat(seeded).allSatisfy(location -> assertThat(both.split(">" + location.locationId() + "</a>", -1))
            .as(location.locationId() + " listed exactly once over both pages").hasSize(2));
        assertThat(browser.get(hub, "/console/installations/" + agency + "?page=0").statusCode()).isEqualTo(400);
    }

    /** A fixed-offset zone in which it is now between 12:00 and 13:00, so the budgets' day cannot end in a test. */
    private static String zoneWhereItIsAboutNoon() {
        int hour = Instant.now().atZone(java.time.ZoneOffset.UTC).getHour();
        return java.time.ZoneOffset.ofHours(12 - hour).getId();
    }

    /** A hub whose budgets count ten-minute windows and days starting at midnight in a zone where it is about noon. */
    private HubHarness.Hub hubWithSteadyBudgets() {
        return harness.startHub(Map.of("accesshub.highlevel.requests-per-window", 50,
            "accesshub.highlevel.window", "600s", "accesshub.highlevel.background-reserve", 5,
            "accesshub.highlevel.requests-per-day", 1_000, "accesshub.highlevel.day-zone", zoneWhereItIsAboutNoon()));
    }

    @Test
    void theFleetsBudgetsArePagedBusiestFirst() throws Exception {
        HubHarness.Hub steady = hubWithSteadyBudgets();
        io.accesshub.application.port.in.RateBudgets budgets =
            steady.bean(io.accesshub.application.port.in.RateBudgets.class);
        io.accesshub.domain.marketplace.MarketplaceAppId app =
            io.accesshub.domain.marketplace.ClientId.parse(harness.simulator.config().clientId()).appId();
        for (int i = 1; i <= 27; i++) {
            for (int call = 0; call < i; call++) {
                budgets.record(io.accesshub.domain.budget.BudgetKey.of(app, String.format("busy-%02d", i)));
            }
        }
        Browser browser = new Browser();
        browser.signIn(steady, HubHarness.API_KEY);

        HttpResponse<String> first = browser.get(steady, "/console/budgets");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("<h1>Budgets</h1>").contains("Showing 1–25 of 27").contains("Page 1 of 2")
            .contains("Next page").contains("busy-27").contains("27 of 50").contains("27 of 1000").contains("busy-03")
            .doesNotContain("busy-02");
        assertThat(first.body().indexOf("busy-27")).as("busiest first").isLessThan(first.body().indexOf("busy-26"));
        HttpResponse<String> second = browser.get(steady, "/console/budgets?page=2");
        assertThat(second.body()).contains("Showing 26–27 of 27").contains("Page 2 of 2").contains("busy-02")
            .contains("busy-01").doesNotContain("busy-03");
        assertThat(browser.get(steady, "/console/budgets?page=-1").statusCode()).isEqualTo(400);
        assertThat(browser.get(steady, "/console").body()).contains("href=\"/console/budgets\"");
    }
}
