package io.accesshub.adapter.ghl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Fault;
import io.accesshub.simulator.FaultEndpoint;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.SimulatorConfig;
import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HighLevelMarketplaceGatewayTest {

    private GhlSimulator simulator;
    private ApplicationContext context;
    private MarketplaceGateway gateway;
    private MarketplaceAppId app;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> secrets = new ArrayList<>();

    private void start(SimulatorConfig.Builder simulatorConfig, Map<String, Object> extra) {
        simulator = GhlSimulator.start(simulatorConfig.build());
        start(simulator.baseUrl(), extra);
    }

    private void start(String baseUrl, Map<String, Object> extra) {
        SimulatorConfig c = simulator.config();
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.http.services.highlevel.url", baseUrl);
        properties.put("micronaut.http.services.highlevel.read-timeout", "1s");
        properties.put("accesshub.apps.main.client-id", c.clientId());
        properties.put("accesshub.apps.main.client-secret", c.clientSecret());
        properties.put("accesshub.apps.main.scopes", c.scopeString());
        properties.put("accesshub.apps.main.redirect-uri", c.redirectUris().get(0));
        properties.put("accesshub.apps.main.authorization-url", simulator.baseUrl() + "/v2/oauth/chooselocation");
        properties.putAll(extra);
        context = ApplicationContext.builder().properties(properties).singletons(Clock.systemUTC()).start();
        gateway = context.getBean(MarketplaceGateway.class);
        app = context.getBean(MarketplaceApps.class).defaultApp().orElseThrow().id();
        secrets.add(c.clientSecret());
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        // The root logger is at WARN; capture the gateway (and the HTTP client) at DEBUG so the secrecy check sees
        // every line they would write in a verbose deployment.
        gatewayLogger().setLevel(Level.DEBUG);
        clientLogger().setLevel(Level.DEBUG);
    }

    private static Logger gatewayLogger() {
        return (Logger) LoggerFactory.getLogger("io.accesshub.adapter.ghl");
    }

    private static Logger clientLogger() {
        return (Logger) LoggerFactory.getLogger("io.micronaut.http.client");
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        gatewayLogger().setLevel(null);
        clientLogger().setLevel(null);
        String all = String.join("\n", logs.list.stream().map(e -> e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList());
        for (String secret : secrets) {
            assertThat(all).as("logs must not contain a token, code or secret").doesNotContain(secret);
        }
        if (context != null) {
            context.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private AuthorizationCode authorizeLocation(String locationId) {
        SimulatorConfig c = simulator.config();
        String code = simulator.authorize(AuthorizeRequest.forLocation(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), locationId)).code();
        secrets.add(code);
        return new AuthorizationCode(code);
    }

    private TokenExchangeOutcome.Issued issued(TokenExchangeOutcome outcome) {
        assertThat(outcome).isInstanceOf(TokenExchangeOutcome.Issued.class);
        TokenExchangeOutcome.Issued issued = (TokenExchangeOutcome.Issued) outcome;
        secrets.add(issued.tokens().accessToken().value());
        issued.tokens().refreshToken().ifPresent(r -> secrets.add(r.value()));
        return issued;
    }

    private RefreshToken installedRefreshToken(String locationId) {
        return issued(gateway.exchangeAuthorizationCode(app, authorizeLocation(locationId))).tokens().refreshToken()
            .orElseThrow();
    }

    @Test
    void aCodeIsExchangedOnceForALocationGrant() {
        start(SimulatorConfig.builder().fastTestProfile(), Map.of());
        AuthorizationCode code = authorizeLocation("sim-loc-0001");

        TokenExchangeOutcome.Issued first = issued(gateway.exchangeAuthorizationCode(app, code));
        TokenExchangeOutcome second = gateway.exchangeAuthorizationCode(app, code);

        assertThat(first.grantedTo().userType()).isEqualTo(UserType.LOCATION);
        assertThat(first.grantedTo().locationId()).contains(LocationId.of("sim-loc-0001"));
        assertThat(first.grantedTo().companyId()).isEqualTo(CompanyId.of(simulator.config().companyId()));
        assertThat(first.tokens().refreshToken()).isPresent();
        assertThat(first.tokens().scopes().toString()).contains("oauth.write");
        assertThat(second).isInstanceOf(TokenExchangeOutcome.InvalidGrant.class);
    }

    @Test
    void aRefreshRotatesAndTheOldTokenIsThenAnInvalidGrant() {
        start(SimulatorConfig.builder().fastTestProfile().noRefreshGraceWindow(), Map.of());
        RefreshToken original = installedRefreshToken("sim-loc-0001");

        TokenExchangeOutcome.Issued rotated = issued(gateway.refresh(app, original, UserType.LOCATION));
        TokenExchangeOutcome reused = gateway.refresh(app, original, UserType.LOCATION);

        assertThat(rotated.tokens().refreshToken()).isPresent().isNotEqualTo(Optional.of(original));
        assertThat(reused).isInstanceOf(TokenExchangeOutcome.InvalidGrant.class);
        assertThat(simulator.presentationsOfRefreshToken(original.value())).isEqualTo(2);
    }

    @Test
    void aRotatedPairIsReturnedEvenWhenCountingItAgainstTheBudgetFails() {
        start(SimulatorConfig.builder().fastTestProfile().noRefreshGraceWindow(),
            Map.of("test.failing-budget-bookkeeping", "true"));
        RefreshToken original = installedRefreshToken("sim-loc-0001");

        TokenExchangeOutcome outcome = gateway.refresh(app, original, UserType.LOCATION);

        assertThat(outcome).as("the database being down for bookkeeping must not lose HighLevel's answer")
            .isInstanceOf(TokenExchangeOutcome.Issued.class);
    }

    @Test
    void faultsAreClassifiedTransientUncertainOrNotActive() {
        start(SimulatorConfig.builder().fastTestProfile(), Map.of());
        RefreshToken token = installedRefreshToken("sim-loc-0001");

        simulator.inject(Fault.status(FaultEndpoint.TOKEN, 503));
        assertThat(gateway.refresh(app, token, UserType.LOCATION)).isInstanceOf(TokenExchangeOutcome.Transient.class);
        simulator.inject(Fault.status(FaultEndpoint.TOKEN, 429));
        assertThat(gateway.refresh(app, token, UserType.LOCATION)).isInstanceOf(TokenExchangeOutcome.Transient.class);
        simulator.inject(Fault.locationNotActive(FaultEndpoint.TOKEN));
        assertThat(gateway.refresh(app, token, UserType.LOCATION))
            .isInstanceOf(TokenExchangeOutcome.LocationNotActive.class);
        simulator.inject(Fault.connectionReset(FaultEndpoint.TOKEN));
        assertThat(gateway.refresh(app, token, UserType.LOCATION)).isInstanceOf(TokenExchangeOutcome.Uncertain.class);
        simulator.inject(Fault.timeout(FaultEndpoint.TOKEN, Duration.ofMillis(1500)));
        assertThat(gateway.refresh(app, token, UserType.LOCATION)).isInstanceOf(TokenExchangeOutcome.Uncertain.class);

        assertThat(issued(gateway.refresh(app, token, UserType.LOCATION)).tokens().refreshToken()).isPresent();
    }

    @Test
    void aRegeneratedClientSecretIsAnInvalidClientThatSpendsNothingAndIsLoggedWithoutSecrets() {
        start(SimulatorConfig.builder().fastTestProfile().noRefreshGraceWindow(), Map.of());
        RefreshToken token = installedRefreshToken("sim-loc-0001");
        AuthorizationCode code = authorizeLocation("sim-loc-0002");
        secrets.add("sim-client-secret-regenerated");

        simulator.rotateClientSecret("sim-client-secret-regenerated");
        TokenExchangeOutcome refresh = gateway.refresh(app, token, UserType.LOCATION);
        TokenExchangeOutcome exchange = gateway.exchangeAuthorizationCode(app, code);
        simulator.restoreClientSecret();

        assertThat(refresh).isEqualTo(new TokenExchangeOutcome.InvalidClient(401, "Invalid client credentials"));
        assertThat(exchange).isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        assertThat(simulator.presentationsOfRefreshToken(token.value())).isZero();
        assertThat(simulator.invariants().invalidClient()).isEqualTo(2);
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("refused the client credentials", app.value(), "401");
        });
        issued(gateway.refresh(app, token, UserType.LOCATION));
        issued(gateway.exchangeAuthorizationCode(app, code));
    }

    @Test
    void theInvalidClientFaultIsAnInvalidClient() {
        start(SimulatorConfig.builder().fastTestProfile(), Map.of());
        RefreshToken token = installedRefreshToken("sim-loc-0001");
        simulator.inject(Fault.invalidClient(FaultEndpoint.TOKEN));

        assertThat(gateway.refresh(app, token, UserType.LOCATION))
            .isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        issued(gateway.refresh(app, token, UserType.LOCATION));
    }

    @Test
    void aLostResponseIsUncertainAndTheSimulatorShowsTheTokenWasSpent() {
        start(SimulatorConfig.builder().fastTestProfile().noRefreshGraceWindow(), Map.of());
        RefreshToken token = installedRefreshToken("sim-loc-0001");
        simulator.inject(Fault.dropResponse(FaultEndpoint.TOKEN));

        TokenExchangeOutcome outcome = gateway.refresh(app, token, UserType.LOCATION);

        assertThat(outcome).isInstanceOf(TokenExchangeOutcome.Uncertain.class);
        assertThat(gateway.refresh(app, token, UserType.LOCATION))
            .isInstanceOf(TokenExchangeOutcome.InvalidGrant.class);
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        simulator = GhlSimulator.start(SimulatorConfig.builder().fastTestProfile().build());
        start("http://127.0.0.1:" + closedPort, Map.of());

        assertThat(gateway.refresh(app, RefreshToken.of("sim_rt_unused"), UserType.LOCATION))
            .isInstanceOf(TokenExchangeOutcome.Transient.class);
    }

    @Test
    void agencyTokensMintLocationTokensPacedWithoutTooManyRequests() {
        start(SimulatorConfig.builder().rateLimitPerWindow(20).rateLimitWindow(Duration.ofSeconds(1))
                .locationCount(3),
            Map.of("accesshub.highlevel.requests-per-window", 20, "accesshub.highlevel.window", "1s"));
        SimulatorConfig c = simulator.config();
        String code = simulator.authorize(AuthorizeRequest.forAgency(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), List.of(), false)).code();
        secrets.add(code);
        TokenExchangeOutcome.Issued company = issued(gateway.exchangeAuthorizationCode(app, new AuthorizationCode(code)));
        assertThat(company.grantedTo().userType()).isEqualTo(UserType.COMPANY);
        AccessToken agencyToken = company.tokens().accessToken();

        for (int i = 0; i < 45; i++) {
            TokenExchangeOutcome.Issued minted = issued(gateway.mintLocationToken(app, agencyToken,
                company.grantedTo().companyId(), LocationId.of("sim-loc-000" + (1 + i % 3))));
            assertThat(minted.grantedTo().userType()).isEqualTo(UserType.LOCATION);
        }

        assertThat(simulator.invariants().tooManyRequests()).isZero();
        assertThat(simulator.invariants().maxRequestsPerResourceInWindow()).isLessThanOrEqualTo(20);
    }

    @Test
    void aMintThatWouldWaitLongerThanAllowedForBudgetIsTransientAndNotSent() {
        start(SimulatorConfig.builder().locationCount(3),
            Map.of("accesshub.highlevel.requests-per-window", 2, "accesshub.highlevel.window", "10s",
                "accesshub.highlevel.max-pacing-wait", "1s"));
        SimulatorConfig c = simulator.config();
        String code = simulator.authorize(AuthorizeRequest.forAgency(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), List.of(), false)).code();
        secrets.add(code);
        // the code exchange is counted against the company's budget (it never waits): one call of two left
        TokenExchangeOutcome.Issued company = issued(gateway.exchangeAuthorizationCode(app, new AuthorizationCode(code)));
        issued(gateway.mintLocationToken(app, company.tokens().accessToken(), company.grantedTo().companyId(),
            LocationId.of("sim-loc-0001")));

        TokenExchangeOutcome second = gateway.mintLocationToken(app, company.tokens().accessToken(),
            company.grantedTo().companyId(), LocationId.of("sim-loc-0002"));

        assertThat(second).isInstanceOf(TokenExchangeOutcome.Transient.class);
        assertThat(((TokenExchangeOutcome.Transient) second).retryAfter()).hasValueSatisfying(
            retryAfter -> assertThat(retryAfter).isGreaterThan(Duration.ofSeconds(1)));
        assertThat(simulator.invariants().requestsPerEndpoint()).containsEntry("POST /oauth/locationToken", 1L);
    }

    @Test
    void theAuthorizationPageCarriesClientRedirectScopeAndState() {
        start(SimulatorConfig.builder().fastTestProfile(), Map.of("accesshub.apps.main.version-id", "v-77"));

        String url = gateway.authorizationPage(app, Optional.of("st-1")).toString();

        assertThat(url).startsWith(simulator.baseUrl() + "/v2/oauth/chooselocation?response_type=code")
            .contains("client_id=" + simulator.config().clientId(), "redirect_uri=http%3A%2F%2Flocalhost%3A8080",
                "scope=oauth.write", "version_id=v-77", "state=st-1");
    }

    @Test
    void logsNameTheEndpointStatusAndTraceIdButNoTokenCodeOrSecret() {
        start(SimulatorConfig.builder().fastTestProfile().noRefreshGraceWindow(), Map.of());
        RefreshToken original = installedRefreshToken("sim-loc-0002");
        issued(gateway.refresh(app, original, UserType.LOCATION));
        assertThat(gateway.refresh(app, original, UserType.LOCATION))
            .isInstanceOf(TokenExchangeOutcome.InvalidGrant.class);

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("/oauth/token", "200", "traceId")
            .containsPattern("traceId [0-9a-f-]{36}"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("/oauth/token", "400", "traceId"));
        assertThat(lines).noneMatch(line -> line.contains(original.value()));
        // the secrets collected during the test are checked against every captured line in stop()
    }

    @Test
    void whenHighLevelSaysTheBudgetIsSpentTheGatewayWaitsForTheNextWindow() {
        start(SimulatorConfig.builder().rateLimitPerWindow(5).rateLimitWindow(Duration.ofMillis(500)).locationCount(1),
            Map.of("accesshub.highlevel.requests-per-window", 100, "accesshub.highlevel.window", "1s"));
        SimulatorConfig c = simulator.config();
        String code = simulator.authorize(AuthorizeRequest.forAgency(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), List.of(), false)).code();
        secrets.add(code);
        TokenExchangeOutcome.Issued company = issued(gateway.exchangeAuthorizationCode(app, new AuthorizationCode(code)));

        for (int i = 0; i < 16; i++) {
            issued(gateway.mintLocationToken(app, company.tokens().accessToken(), company.grantedTo().companyId(),
                LocationId.of("sim-loc-0001")));
        }

        assertThat(simulator.invariants().tooManyRequests())
            .as("the budget is configured far above the simulator's limit; the headers alone keep it polite").isZero();
    }
}
