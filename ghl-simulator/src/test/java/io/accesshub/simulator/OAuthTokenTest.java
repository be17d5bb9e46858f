package io.accesshub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthTokenTest {

    private GhlSimulator simulator;
    private SimulatorClient client;

    private void start(SimulatorConfig.Builder builder) {
        simulator = GhlSimulator.start(builder.fastTestProfile().build());
        client = new SimulatorClient(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void anAuthorizationCodeIsSingleUse() throws Exception {
        start(SimulatorConfig.builder());
        SimulatorConfig c = simulator.config();
        AuthorizeResult code = simulator.authorize(AuthorizeRequest.forLocation(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), "sim-loc-0001"));

        SimulatorClient.Response first = client.exchangeCode(code.code());
        SimulatorClient.Response second = client.exchangeCode(code.code());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).containsEntry("userType", "Location").containsEntry("locationId", "sim-loc-0001")
            .containsEntry("companyId", c.companyId()).containsKeys("access_token", "refresh_token", "expires_in",
                "scope", "userId", "traceId");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body().get("message").toString()).startsWith("Invalid grant");
        assertThat(simulator.invariants().invalidGrantFromReuse()).isEqualTo(1);
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        start(SimulatorConfig.builder().authorizationCodeLifetime(Duration.ofMinutes(10)));
        SimulatorConfig c = simulator.config();
        AuthorizeResult code = simulator.authorize(AuthorizeRequest.forLocation(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), "sim-loc-0002"));

        simulator.clock().advance(Duration.ofMinutes(11));

        assertThat(client.exchangeCode(code.code()).status()).isEqualTo(400);
    }

    @Test
    void wrongClientCredentialsAreUnauthorized() throws Exception {
        start(SimulatorConfig.builder());
        SimulatorClient.Response response = client.postForm("/oauth/token", Map.of("client_id",
            simulator.config().clientId(), "client_secret", "wrong", "grant_type", "refresh_token",
            "refresh_token", "x"), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).containsEntry("statusCode", 401)
            .containsEntry("message", "Invalid client credentials").containsEntry("error", "invalid_client");
        assertThat(simulator.invariants().invalidClient()).isEqualTo(1);
        assertThat(simulator.invariants().invalidGrantTotal()).isZero();
    }

    @Test
    void aRotatedClientSecretRefusesTheOldOneWithoutSpendingTheRefreshTokenOrTheCode() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        SimulatorConfig c = simulator.config();
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");
        String code = simulator.authorize(AuthorizeRequest.forLocation(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), "sim-loc-0002")).code();

        simulator.rotateClientSecret("sim-client-secret-rotated");
        SimulatorClient.Response refused = client.refresh(refresh);
        SimulatorClient.Response refusedAgain = client.refresh(refresh);
        SimulatorClient.Response codeRefused = client.exchangeCode(code);
        SimulatorClient.Response withNewSecret = client.postForm("/oauth/token", Map.of("client_id", c.clientId(),
            "client_secret", "sim-client-secret-rotated", "grant_type", "authorization_code", "code", code), null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).containsEntry("message", "Invalid client credentials")
            .containsEntry("error", "invalid_client");
        assertThat(refusedAgain.status()).isEqualTo(401);
        assertThat(codeRefused.status()).isEqualTo(401);
        assertThat(withNewSecret.status()).as("the code survived the refusal").isEqualTo(200);
        assertThat(simulator.presentationsOfRefreshToken(refresh)).as("a refused client presents nothing").isZero();
        assertThat(simulator.presentations()).filteredOn(p -> p.tokenHash().equals(GhlSimulator.hash(refresh))
                && p.outcome() == Presentation.Outcome.INVALID_CLIENT)
            .hasSize(2).allSatisfy(p -> {
                assertThat(p.isClientRefusal()).isTrue();
                assertThat(p.isPresentation()).isFalse();
                assertThat(p.kind()).isEqualTo(Presentation.Kind.REFRESH_TOKEN);
                assertThat(p.resourceId()).isEqualTo("sim-loc-0001");
            });
        assertThat(simulator.presentations()).anySatisfy(p -> {
            assertThat(p.tokenHash()).isEqualTo(GhlSimulator.hash(code));
            assertThat(p.outcome()).isEqualTo(Presentation.Outcome.INVALID_CLIENT);
        });
        InvariantReport report = simulator.invariants();
        assertThat(report.invalidClient()).isEqualTo(3);
        assertThat(report.invalidGrantTotal()).isZero();
        assertThat(report.clean()).isTrue();

        simulator.restoreClientSecret();
        SimulatorClient.Response rotated = client.refresh(refresh);
        assertThat(rotated.status()).as("the refresh token is still good").isEqualTo(200);
        assertThat(simulator.presentationsOfRefreshToken(refresh)).isEqualTo(1);
        assertThat(simulator.invariants().refreshTokensReusedOutsideGrace()).isEmpty();
    }

    @Test
    void theInvalidClientFaultRefusesWithoutSpendingUntilCleared() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");
        simulator.inject(Fault.invalidClient(FaultEndpoint.TOKEN).persistent());

        SimulatorClient.Response first = client.refresh(refresh);
        SimulatorClient.Response second = client.refresh(refresh);
        simulator.clearFaults();
        SimulatorClient.Response cleared = client.refresh(refresh);

        assertThat(first.status()).isEqualTo(401);
        assertThat(first.body()).containsEntry("error", "invalid_client");
        assertThat(second.status()).isEqualTo(401);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(simulator.presentationsOfRefreshToken(refresh)).isEqualTo(1);
        assertThat(simulator.invariants().invalidClient()).isEqualTo(2);
        assertThat(simulator.invariants().clean()).isTrue();
    }

    @Test
    void resetRestoresTheConfiguredClientSecret() throws Exception {
        start(SimulatorConfig.builder());
        simulator.rotateClientSecret("another-secret");
        assertThat(simulator.clientSecret()).isEqualTo("another-secret");

        simulator.reset();

        assertThat(simulator.clientSecret()).isEqualTo(simulator.config().clientSecret());
        assertThat(client.installLocation("sim-loc-0001").status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenIsSingleUseWithoutTheGraceWindow() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");

        SimulatorClient.Response rotated = client.refresh(refresh);
        SimulatorClient.Response reused = client.refresh(refresh);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("refresh_token")).isNotEqualTo(refresh);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).containsEntry("message", "Invalid grant: refresh token is invalid");
        assertThat(simulator.invariants().refreshTokensReusedOutsideGrace()).containsExactly(GhlSimulator.hash(refresh));
        assertThat(simulator.presentationsOfRefreshToken(refresh)).isEqualTo(2);
        assertThat(client.refresh((String) rotated.body().get("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void theGraceWindowReturnsTheSamePairWithinThirtySecondsAndNotAfter() throws Exception {
        start(SimulatorConfig.builder().refreshGraceWindow(Duration.ofSeconds(30)));
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");

        SimulatorClient.Response first = client.refresh(refresh);
        simulator.clock().advance(Duration.ofSeconds(29));
        SimulatorClient.Response replay = client.refresh(refresh);
        simulator.clock().advance(Duration.ofSeconds(2));
        SimulatorClient.Response late = client.refresh(refresh);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().get("access_token")).isEqualTo(first.body().get("access_token"));
        assertThat(replay.body().get("refresh_token")).isEqualTo(first.body().get("refresh_token"));
        assertThat(late.status()).isEqualTo(400);
        InvariantReport report = simulator.invariants();
        assertThat(report.graceReplays()).isEqualTo(1);
        assertThat(report.refreshTokensAcceptedMoreThanOnce()).isEmpty();
    }

    @Test
    void advancingTheClockExpiresAccessAndRefreshTokens() throws Exception {
        start(SimulatorConfig.builder().refreshTokenLifetime(Duration.ofDays(365)));
        Map<String, Object> pair = client.installLocation("sim-loc-0003").body();
        String access = (String) pair.get("access_token");

        assertThat(client.get("/locations/sim-loc-0003", access, true).status()).isEqualTo(200);
        simulator.clock().advance(Duration.ofSeconds(86_399));
        assertThat(client.get("/locations/sim-loc-0003", access, true).status()).isEqualTo(401);

        simulator.clock().advance(Duration.ofDays(365));
        assertThat(client.refresh((String) pair.get("refresh_token")).status()).isEqualTo(400);
    }

    @Test
    void theLostResponseFaultRotatesTheTokenAndDropsTheReply() throws Exception {
        start(SimulatorConfig.builder().noRefreshGraceWindow());
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");
        simulator.inject(Fault.dropResponse(FaultEndpoint.TOKEN));

        assertThatThrownBy(() -> client.refresh(refresh)).isInstanceOf(IOException.class);

        assertThat(simulator.presentations()).anySatisfy(p -> {
            assertThat(p.tokenHash()).isEqualTo(GhlSimulator.hash(refresh));
            assertThat(p.outcome()).isEqualTo(Presentation.Outcome.ACCEPTED);
        });
        assertThat(client.refresh(refresh).status()).as("the token was spent").isEqualTo(400);
    }

    @Test
    void faultsAnswerFiveHundredsAndLocationNotActiveThenClear() throws Exception {
        start(SimulatorConfig.builder());
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");
        simulator.inject(Fault.status(FaultEndpoint.TOKEN, 503).times(2));

        assertThat(client.refresh(refresh).status()).isEqualTo(503);
        assertThat(client.refresh(refresh).status()).isEqualTo(503);
        simulator.setLocationActive("sim-loc-0001", false);
        SimulatorClient.Response inactive = client.refresh(refresh);
        simulator.setLocationActive("sim-loc-0001", true);
        SimulatorClient.Response reactivated = client.refresh(refresh);

        assertThat(inactive.status()).isEqualTo(400);
        assertThat(inactive.body()).containsEntry("message", "Location is not active");
        assertThat(reactivated.status()).as("the refresh token survives a paused location").isEqualTo(200);
    }

    @Test
    void aRevokedGrantAnswersInvalidGrant() throws Exception {
        start(SimulatorConfig.builder());
        String refresh = (String) client.installLocation("sim-loc-0001").body().get("refresh_token");

        simulator.revokeGrants(simulator.config().companyId(), "sim-loc-0001");

        assertThat(client.refresh(refresh).status()).isEqualTo(400);
    }

    @Test
    void agencyTokensMintLocationTokensAndPageInstalledLocations() throws Exception {
        start(SimulatorConfig.builder().locationCount(5));
        SimulatorConfig c = simulator.config();
        AuthorizeResult code = simulator.authorize(AuthorizeRequest.forAgency(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), List.of("sim-loc-0001", "sim-loc-0002", "sim-loc-0003"), true));
        Map<String, Object> company = client.exchangeCode(code.code()).body();
        String agencyToken = (String) company.get("access_token");

        assertThat(company).containsEntry("userType", "Company").containsEntry("isBulkInstallation", true)
            .containsEntry("installToFutureLocations", true).doesNotContainKey("locationId");
        SimulatorClient.Response minted = client.postForm("/oauth/locationToken",
            Map.of("companyId", c.companyId(), "locationId", "sim-loc-0002"), agencyToken);
        assertThat(minted.status()).isEqualTo(200);
        assertThat(minted.body()).containsEntry("userType", "Location").containsEntry("locationId", "sim-loc-0002")
            .containsKey("refresh_token");
        assertThat(client.postForm("/oauth/locationToken", Map.of("companyId", c.companyId(), "locationId",
            "sim-loc-0005"), agencyToken).status()).as("not installed there").isEqualTo(400);

        SimulatorClient.Response page = client.get("/oauth/installedLocations?companyId=" + c.companyId() + "&appId="
            + c.appId() + "&skip=2&limit=2", agencyToken, true);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsEntry("count", 5).containsEntry("installToFutureLocations", true);
        assertThat((List<?>) page.body().get("locations")).hasSize(2);
        assertThat(client.get("/oauth/installedLocations?companyId=" + c.companyId() + "&appId=" + c.appId(),
            agencyToken, false).status()).as("Version header missing").isEqualTo(400);
        String locationToken = (String) minted.body().get("access_token");
        assertThat(client.postForm("/oauth/locationToken", Map.of("companyId", c.companyId(), "locationId",
            "sim-loc-0001"), locationToken).status()).as("a location token cannot mint").isEqualTo(401);
    }

    @Test
    void theSampleApiChecksScopeAndResource() throws Exception {
        start(SimulatorConfig.builder());
        String access = (String) client.installLocation("sim-loc-0001").body().get("access_token");

        assertThat(client.get("/contacts/?locationId=sim-loc-0001", access, true).status()).isEqualTo(200);
        assertThat(client.get("/contacts/?locationId=sim-loc-0002", access, true).status()).isEqualTo(403);
        assertThat(client.get("/locations/sim-loc-0002", access, true).status()).isEqualTo(403);
        assertThat(client.get("/locations/sim-loc-0001", null, true).status()).isEqualTo(401);
    }

    @Test
    void theConsentPageValidatesAndRedirectsWithCodeAndState() throws Exception {
        start(SimulatorConfig.builder());
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI authorization = simulator.authorizationUrl(simulator.config().redirectUris().get(0), "st-123");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(authorization).build(),
            HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badRedirect = http.send(HttpRequest.newBuilder(URI.create(authorization.toString()
            .replace("redirect_uri=", "redirect_uri=x"))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                + "/oauth/chooselocation/approve"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("client_id=" + simulator.config().clientId()
                + "&redirect_uri=" + java.net.URLEncoder.encode(simulator.config().redirectUris().get(0),
                    java.nio.charset.StandardCharsets.UTF_8)
                + "&scope=oauth.write&state=st-123&target=LOCATION%3Asim-loc-0004")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("sim-loc-0001", "st-123");
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(approved.statusCode()).isEqualTo(302);
        assertThat(approved.headers().firstValue("Location")).hasValueSatisfying(location ->
            assertThat(location).startsWith(simulator.config().redirectUris().get(0) + "?code=").endsWith("&state=st-123"));
    }
}
