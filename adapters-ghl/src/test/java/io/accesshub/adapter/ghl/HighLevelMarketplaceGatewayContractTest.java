package io.accesshub.adapter.ghl;

import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.MarketplaceGatewayContract;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.SimulatorConfig;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The gateway contract run by the real adapter against the in-process simulator with its grace window off. */
class HighLevelMarketplaceGatewayContractTest extends MarketplaceGatewayContract {

    private static final int LOCATIONS = 5;

    private GhlSimulator simulator;
    private ApplicationContext context;
    private MarketplaceGateway gateway;
    private MarketplaceAppId app;

    @BeforeEach
    void startSimulatorAndGateway() {
        simulator = GhlSimulator.start(SimulatorConfig.builder().fastTestProfile().noRefreshGraceWindow()
            .locationCount(LOCATIONS).build());
        SimulatorConfig c = simulator.config();
        context = ApplicationContext.builder().properties(Map.of(
                "micronaut.http.services.highlevel.url", simulator.baseUrl(),
                "micronaut.http.services.highlevel.read-timeout", "5s",
                "accesshub.apps.main.client-id", c.clientId(),
                "accesshub.apps.main.client-secret", c.clientSecret(),
                "accesshub.apps.main.scopes", c.scopeString(),
                "accesshub.apps.main.redirect-uri", c.redirectUris().get(0)))
            .singletons(Clock.systemUTC()).start();
        gateway = context.getBean(MarketplaceGateway.class);
        app = context.getBean(MarketplaceApps.class).defaultApp().orElseThrow().id();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Override
    protected MarketplaceGateway gateway() {
        return gateway;
    }

    @Override
    protected MarketplaceAppId app() {
        return app;
    }

    @Override
    protected AuthorizationCode locationInstallCode(LocationId location) {
        SimulatorConfig c = simulator.config();
        return new AuthorizationCode(simulator.authorize(AuthorizeRequest.forLocation(c.clientId(),
            c.redirectUris().get(0), c.scopeString(), location.value())).code());
    }

    @Override
    protected AuthorizationCode agencyInstallCode() {
        SimulatorConfig c = simulator.config();
        return new AuthorizationCode(simulator.authorize(AuthorizeRequest.forAgency(c.clientId(),
            c.redirectUris().get(0), c.scopeString(), List.of(), false)).code());
    }

    @Override
    protected void rotateClientSecretAtHighLevel() {
        simulator.rotateClientSecret("sim-client-secret-regenerated");
    }

    @Override
    protected void restoreClientSecretAtHighLevel() {
        simulator.restoreClientSecret();
    }

    @Override
    protected List<LocationId> agencyLocations() {
        return IntStream.rangeClosed(1, LOCATIONS).mapToObj(i -> LocationId.of(String.format("sim-loc-%04d", i)))
            .toList();
    }
}
