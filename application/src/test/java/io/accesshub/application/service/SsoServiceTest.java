package io.accesshub.application.service;

import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.SsoInstallation;
import io.accesshub.application.port.in.SsoResult;
import io.accesshub.application.port.out.SsoPayloads;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.sso.SsoUserContext;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SsoServiceTest {

    private static final MarketplaceAppId APP = MarketplaceAppId.of("appone");
    private static final MarketplaceAppId OTHER_APP = MarketplaceAppId.of("apptwo");
    private static final CompanyId COMPANY = CompanyId.of("company-1");
    private static final LocationId LOCATION = LocationId.of("location-1");

    /** Opens "good:<app>" payloads for the apps it was given; anything else fails. */
    private static final class FakePayloads implements SsoPayloads {
        private final Set<MarketplaceAppId> apps;
        private final Map<String, SsoUserContext> users;

        FakePayloads(Set<MarketplaceAppId> apps, Map<String, SsoUserContext> users) {
            this.apps = apps;
            this.users = users;
        }

        @Override
        public Set<MarketplaceAppId> appsWithSsoSecret() {
            return apps;
        }

        @Override
        public Optional<SsoUserContext> open(MarketplaceAppId app, String payload) {
            return apps.contains(app) ? Optional.ofNullable(users.get(payload + "@" + app.value()))
                : Optional.empty();
        }
    }

    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();

    private static SsoUserContext user(Optional<String> location) {
        return new SsoUserContext("user-1", COMPANY.value(), "admin", location.isPresent() ? "location" : "agency",
            "Ada", "ada@example.com", location, Optional.of(false));
    }

    private static Caller caller(AccessScope scope) {
        return new Caller("test", Set.of(Permission.SSO_DECRYPT), scope);
    }

    private SsoService service(Set<MarketplaceAppId> apps, Map<String, SsoUserContext> users) {
        return new SsoService(new FakePayloads(apps, users), installations);
    }

    @Test
    void theOnlyAppWithASecretNeedsNoName() {
        SsoService service = service(Set.of(APP), Map.of("p@appone", user(Optional.empty())));
        assertThat(service.decrypt(Caller.IN_PROCESS, Optional.empty(), "p"))
            .isEqualTo(new SsoResult.Decrypted(user(Optional.empty()), Optional.empty()));
    }

    @Test
    void severalAppsWithSecretsNeedTheAppNamed() {
        Set<MarketplaceAppId> both = new LinkedHashSet<>(java.util.List.of(APP, OTHER_APP));
        SsoService service = service(both, Map.of("p@apptwo", user(Optional.empty())));
        assertThat(service.decrypt(Caller.IN_PROCESS, Optional.empty(), "p")).isEqualTo(new SsoResult.AppRequired());
        assertThat(service.decrypt(Caller.IN_PROCESS, Optional.of(OTHER_APP), "p"))
            .isInstanceOf(SsoResult.Decrypted.class);
    }

    @Test
    void anAppWithoutASecretIsNotConfigured() {
        assertThat(service(Set.of(APP), Map.of()).decrypt(Caller.IN_PROCESS, Optional.of(OTHER_APP), "p"))
            .isEqualTo(new SsoResult.NotConfigured());
        assertThat(service(Set.of(), Map.of()).decrypt(Caller.IN_PROCESS, Optional.empty(), "p"))
            .isEqualTo(new SsoResult.NotConfigured());
    }

    @Test
    void aPayloadThatDoesNotOpenIsInvalid() {
        SsoService service = service(Set.of(APP), Map.of("p@appone", user(Optional.empty())));
        assertThat(service.decrypt(Caller.IN_PROCESS, Optional.empty(), "q")).isEqualTo(new SsoResult.InvalidPayload());
        assertThat(service.decrypt(Caller.IN_PROCESS, Optional.empty(), " ")).isEqualTo(new SsoResult.InvalidPayload());
    }

    @Test
    void theUsersLocationInstallationIsAttachedWhenTheScopeSeesIt() {
        Installation installed = installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY)
            .forLocation(LOCATION).build());
        SsoService service = service(Set.of(APP), Map.of("p@appone", user(Optional.of(LOCATION.value()))));

        SsoResult seen = service.decrypt(caller(AccessScope.unrestricted()), Optional.empty(), "p");
        SsoResult outOfScope = service.decrypt(caller(new AccessScope(Set.of(), Set.of(CompanyId.of("other")),
            Set.of())), Optional.empty(), "p");

        assertThat(seen).isEqualTo(new SsoResult.Decrypted(user(Optional.of(LOCATION.value())),
            Optional.of(new SsoInstallation(installed.id(), installed.status()))));
        assertThat(outOfScope).isEqualTo(new SsoResult.Decrypted(user(Optional.of(LOCATION.value())),
            Optional.empty()));
    }

    @Test
    void withoutALocationTheCompanyInstallationIsAttached() {
        Installation agency = installations.add(aCompanyInstallation().ofApp(APP).ofCompany(COMPANY).build());
        installations.add(aLocationInstallation().ofApp(APP).ofCompany(COMPANY).forLocation(LOCATION).build());
        SsoService service = service(Set.of(APP), Map.of("p@appone", user(Optional.empty())));

        assertThat(service.decrypt(Caller.IN_PROCESS, Optional.empty(), "p")).isEqualTo(new SsoResult.Decrypted(
            user(Optional.empty()), Optional.of(new SsoInstallation(agency.id(), agency.status()))));
    }

    @Test
    void anotherAppsInstallationIsNotTheUsers() {
        installations.add(aLocationInstallation().ofApp(OTHER_APP).ofCompany(COMPANY).forLocation(LOCATION).build());
        SsoService service = service(Set.of(APP), Map.of("p@appone", user(Optional.of(LOCATION.value()))));

        assertThat(service.decrypt(Caller.IN_PROCESS, Optional.empty(), "p"))
            .isEqualTo(new SsoResult.Decrypted(user(Optional.of(LOCATION.value())), Optional.empty()));
    }
}
