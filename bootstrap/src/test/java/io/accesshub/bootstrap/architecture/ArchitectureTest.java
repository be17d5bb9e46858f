package io.accesshub.bootstrap.architecture;

import static io.accesshub.bootstrap.architecture.HubArchitectureRules.ADAPTERS;
import static io.accesshub.bootstrap.architecture.HubArchitectureRules.APPLICATION;
import static io.accesshub.bootstrap.architecture.HubArchitectureRules.CAFFEINE;
import static io.accesshub.bootstrap.architecture.HubArchitectureRules.DOMAIN;
import static io.accesshub.bootstrap.architecture.HubArchitectureRules.PORT_IN;
import static io.accesshub.bootstrap.architecture.HubArchitectureRules.PORT_OUT;
import static io.accesshub.bootstrap.architecture.HubArchitectureRules.SERVICE;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Applies the house-style rules to the production classes of every module. ArchUnit's fail-on-empty stays on
 * (archunit.properties), so a rule whose classes disappear fails instead of passing silently.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTest::isNotATestJar)
            .importPackages("io.accesshub");
    }

    private static boolean isNotATestJar(Location location) {
        return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    @Test
    void domainDependsOnlyOnTheJdk() {
        HubArchitectureRules.onlyDependsOnJdkAnd(DOMAIN).check(production);
    }

    @Test
    void applicationDependsOnlyOnTheJdkTheDomainCaffeineAndTheWebhookVerifier() {
        // Caffeine is allowed explicitly: the token cache is a plain library data structure (see CAFFEINE); the
        // JDK-only webhook-verifier module signs relay deliveries with the code subscribers verify them with.
        HubArchitectureRules.onlyDependsOnJdkAnd(APPLICATION, DOMAIN, CAFFEINE, "io.accesshub.webhooks..")
            .check(production);
    }

    @Test
    void theCoreIsFrameworkFree() {
        HubArchitectureRules.frameworkFree(DOMAIN, APPLICATION).check(production);
    }

    @Test
    void theCoreNeverReadsTheWallClockOrMakesRandomIds() {
        HubArchitectureRules.noWallClockOrRandomIds(DOMAIN, APPLICATION).check(production);
    }

    @Test
    void outboundPortsKnowNeitherInboundPortsNorServices() {
        HubArchitectureRules.portsIndependent(PORT_OUT, PORT_IN, SERVICE).check(production);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        HubArchitectureRules.adaptersIndependent("io.accesshub.adapter.(*)..").check(production);
    }

    @Test
    void adaptersUseOnlyPortsNeverServices() {
        HubArchitectureRules.adaptersUsePortsOnly(ADAPTERS, SERVICE).check(production);
    }

    @Test
    void domainPackagesAreFreeOfCycles() {
        HubArchitectureRules.noCycles("io.accesshub.domain.(*)..").check(production);
    }

    @Test
    void applicationPackagesAreFreeOfCycles() {
        HubArchitectureRules.noCycles("io.accesshub.application.(**)").check(production);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        HubArchitectureRules.noCycles("io.accesshub.(*)..").check(production);
    }

    @Test
    void repositoriesOfTheCoreAreOutboundPorts() {
        HubArchitectureRules.namedClassesLiveIn("Repository", "io.accesshub.application.port.out..")
            .check(production.that(com.tngtech.archunit.base.DescribedPredicate.describe("in the core",
                c -> c.getPackageName().startsWith("io.accesshub.application")
                    || c.getPackageName().startsWith("io.accesshub.domain"))));
    }

    @Test
    void mappedEntitiesLiveInThePersistenceAdapter() {
        HubArchitectureRules.annotationOnlyIn("io.micronaut.data.annotation.MappedEntity",
            "io.accesshub.adapter.persistence..").check(production);
    }

    @Test
    void controllersLiveInTheHttpAdapter() {
        HubArchitectureRules.annotationOnlyIn("io.micronaut.http.annotation.Controller",
            "io.accesshub.adapter.http..").check(production);
    }

    @Test
    void httpClientsLiveInTheHighLevelAdapterAndTheRelaySender() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage("io.accesshub..")
            .and().resideOutsideOfPackages("io.accesshub.adapter.ghl..", "io.accesshub.adapter.http.relay..")
            .should().dependOnClassesThat().resideInAPackage("io.micronaut.http.client..")
            .because("one paced client talks to HighLevel, and the event relay's sender (redirects off, addresses"
                + " checked) to subscribers; nothing else in the hub makes outbound HTTP calls")
            .check(production);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage("io.accesshub.adapter.http.relay..")
            .should().dependOnClassesThat().resideInAPackage("io.accesshub.adapter.ghl..")
            .because("the relay sender never talks to HighLevel")
            .check(production);
    }

    @Test
    void openTelemetryIsUsedOnlyByBootstrap() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage("io.accesshub..")
            .and().resideOutsideOfPackage("io.accesshub.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..", "io.micronaut.tracing..")
            .because("tracing is wiring: Micronaut's filters and the JDBC wrapper trace the adapters from outside")
            .check(production);
    }

    @Test
    void useCasesAreInboundPortsAndServicesImplementThem() {
        HubArchitectureRules.namedClassesLiveIn("UseCase", "io.accesshub.application.port.in..").check(production);
        HubArchitectureRules.namedClassesLiveIn("Service", "io.accesshub.application.service..")
            .check(production.that(com.tngtech.archunit.base.DescribedPredicate.describe("in the core",
                c -> c.getPackageName().startsWith("io.accesshub.application"))));
    }
}
