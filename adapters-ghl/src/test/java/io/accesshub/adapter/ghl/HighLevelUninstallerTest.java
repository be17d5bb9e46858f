package io.accesshub.adapter.ghl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.MarketplaceUninstaller;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.application.port.out.UninstallOutcome;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.uninstall.UninstallReason;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Fault;
import io.accesshub.simulator.FaultEndpoint;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.SimulatorConfig;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The uninstall call against the simulated HighLevel: body, token, and how each answer is classified. */
class HighLevelUninstallerTest {

    private static final UninstallReason REASON = new UninstallReason("moving to v2");

    private GhlSimulator simulator;
    private ApplicationContext context;
    private MarketplaceGateway gateway;
    private MarketplaceUninstaller uninstaller;
    private MarketplaceAppId app;
    private CompanyId company;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        simulator = GhlSimulator.start(SimulatorConfig.builder().fastTestProfile().locationCount(3).build());
        SimulatorConfig c = simulator.config();
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.http.services.highlevel.url", simulator.baseUrl());
        properties.put("micronaut.http.services.highlevel.read-timeout", "10s");
        properties.put("accesshub.apps.main.client-id", c.clientId());
        properties.put("accesshub.apps.main.client-secret", c.clientSecret());
        properties.put("accesshub.apps.main.scopes", c.scopeString());
        properties.put("accesshub.apps.main.redirect-uri", c.redirectUris().get(0));
        context = ApplicationContext.builder().properties(properties).singletons(Clock.systemUTC()).start();
        gateway = context.getBean(MarketplaceGateway.class);
        uninstaller = context.getBean(MarketplaceUninstaller.class);
        app = context.getBean(MarketplaceApps.class).defaultApp().orElseThrow().id();
        company = CompanyId.of(c.companyId());
        logs.start();
        Logger adapter = (Logger) LoggerFactory.getLogger("io.accesshub.adapter.ghl");
        adapter.addAppender(logs);
        adapter.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        Logger adapter = (Logger) LoggerFactory.getLogger("io.accesshub.adapter.ghl");
        adapter.detachAppender(logs);
        adapter.setLevel(null);
        context.close();
        simulator.close();
    }

    private AccessToken agencyToken(List<String> selected) {
        SimulatorConfig c = simulator.config();
        String code = simulator.authorize(AuthorizeRequest.forAgency(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), selected, false)).code();
        return issued(gateway.exchangeAuthorizationCode(app, new AuthorizationCode(code)));
    }

    private AccessToken locationToken(String location) {
        SimulatorConfig c = simulator.config();
        String code = simulator.authorize(AuthorizeRequest.forLocation(c.clientId(), c.redirectUris().get(0),
            c.scopeString(), location)).code();
        return issued(gateway.exchangeAuthorizationCode(app, new AuthorizationCode(code)));
    }

    private static AccessToken issued(TokenExchangeOutcome outcome) {
        assertThat(outcome).isInstanceOf(TokenExchangeOutcome.Issued.class);
        return ((TokenExchangeOutcome.Issued) outcome).tokens().accessToken();
    }

    private void assertLogsNeverShow(AccessToken token) {
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
            .isNotEmpty().noneMatch(line -> line.contains(token.value()));
    }

    @Test
    void anAgencyTokenRemovesTheAppFromTheAgencyAndAllItsLocations() {
        AccessToken token = agencyToken(List.of("sim-loc-0001", "sim-loc-0002"));

        UninstallOutcome outcome = uninstaller.uninstall(InstallationKey.forCompany(app, company), token,
            UserType.COMPANY, REASON);

        assertThat(outcome).isEqualTo(new UninstallOutcome.Removed());
        assertThat(simulator.isCompanyInstalled()).isFalse();
        assertThat(simulator.isInstalled("sim-loc-0001")).isFalse();
        assertThat(simulator.isInstalled("sim-loc-0002")).isFalse();
        assertThat(uninstaller.uninstall(InstallationKey.forCompany(app, company), token, UserType.COMPANY, REASON))
            .as("HighLevel revoked the agency's tokens").isEqualTo(new UninstallOutcome.TokenRejected());
        assertLogsNeverShow(token);
    }

    @Test
    void aLocationTokenRemovesTheAppFromItsLocationOnly() {
        AccessToken other = locationToken("sim-loc-0002");
        AccessToken token = locationToken("sim-loc-0001");

        UninstallOutcome outcome = uninstaller.uninstall(
            InstallationKey.forLocation(app, company, LocationId.of("sim-loc-0001")), token, UserType.LOCATION, REASON);

        assertThat(outcome).isEqualTo(new UninstallOutcome.Removed());
        assertThat(simulator.isInstalled("sim-loc-0001")).isFalse();
        assertThat(simulator.isInstalled("sim-loc-0002")).isTrue();
        assertThat(uninstaller.uninstall(InstallationKey.forLocation(app, company, LocationId.of("sim-loc-0001")),
            other, UserType.LOCATION, REASON)).as("another location's token may not remove it")
            .isInstanceOf(UninstallOutcome.Refused.class);
    }

    @Test
    void highLevelSayingTheAppIsNotInstalledThereIsRecognised() {
        AccessToken token = agencyToken(List.of("sim-loc-0001"));

        UninstallOutcome outcome = uninstaller.uninstall(
            InstallationKey.forLocation(app, company, LocationId.of("sim-loc-0003")), token, UserType.COMPANY, REASON);

        assertThat(outcome).isEqualTo(new UninstallOutcome.NotInstalled());
    }

    @Test
    void anOutageIsUnavailableAndRemovesNothing() {
        AccessToken token = agencyToken(List.of("sim-loc-0001"));
        InstallationKey agency = InstallationKey.forCompany(app, company);
        simulator.inject(Fault.status(FaultEndpoint.UNINSTALL, 503));
        simulator.inject(Fault.status(FaultEndpoint.UNINSTALL, 429));
        simulator.inject(Fault.connectionReset(FaultEndpoint.UNINSTALL));

        assertThat(uninstaller.uninstall(agency, token, UserType.COMPANY, REASON))
            .isInstanceOf(UninstallOutcome.Unavailable.class);
        assertThat(uninstaller.uninstall(agency, token, UserType.COMPANY, REASON))
            .isInstanceOf(UninstallOutcome.Unavailable.class);
        assertThat(uninstaller.uninstall(agency, token, UserType.COMPANY, REASON))
            .isInstanceOf(UninstallOutcome.Unavailable.class);
        assertThat(simulator.isInstalled("sim-loc-0001")).isTrue();
    }
}
