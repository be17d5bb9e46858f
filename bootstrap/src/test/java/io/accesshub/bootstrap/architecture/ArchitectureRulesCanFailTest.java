package io.accesshub.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shows that every rule applied in {@link ArchitectureTest} reports a violation when one is present. */
class ArchitectureRulesCanFailTest {

    private static final String FIXTURES = "io.accesshub.bootstrap.architecture.fixtures";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
    }

    private static void assertViolated(ArchRule rule, String expectedFragment) {
        var result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(expectedFragment);
    }

    @Test
    void aCoreClassReadingTheWallClockFailsTheBuild() {
        assertViolated(HubArchitectureRules.noWallClockOrRandomIds(FIXTURES + ".core.."), "Instant.now()");
        assertViolated(HubArchitectureRules.noWallClockOrRandomIds(FIXTURES + ".core.."), "UUID.randomUUID()");
    }

    @Test
    void aCoreClassImportingTheFrameworkFailsTheBuild() {
        assertViolated(HubArchitectureRules.frameworkFree(FIXTURES + ".core.."), "io.micronaut");
        assertViolated(HubArchitectureRules.onlyDependsOnJdkAnd(FIXTURES + ".core.."), "io.micronaut");
    }

    @Test
    void anAdapterCallingAnotherAdapterOrAServiceFailsTheBuild() {
        assertViolated(HubArchitectureRules.adaptersIndependent(FIXTURES + ".adapters.(*).."), "BetaAdapter");
        assertViolated(HubArchitectureRules.adaptersUsePortsOnly(FIXTURES + ".adapters..", FIXTURES + ".ports.service.."),
            "PortService");
    }

    @Test
    void aPortThatKnowsItsServiceFailsTheBuild() {
        assertViolated(HubArchitectureRules.portsIndependent(FIXTURES + ".ports.out..", FIXTURES + ".ports.service.."),
            "PortService");
    }

    @Test
    void aPackageCycleFailsTheBuild() {
        assertViolated(HubArchitectureRules.noCycles(FIXTURES + ".cycle.(*).."), "Cycle detected");
    }

    @Test
    void misplacedNamesAndAnnotationsFailTheBuild() {
        assertViolated(HubArchitectureRules.namedClassesLiveIn("Repository", FIXTURES + ".core.."),
            "MisplacedRepository");
        assertViolated(HubArchitectureRules.annotationOnlyIn("io.micronaut.context.annotation.Factory",
            FIXTURES + ".adapters.."), "FrameworkUser");
    }

    @Test
    void aRuleAboutClassesThatDoNotExistFailsInsteadOfPassing() {
        ArchRule aboutNothing = HubArchitectureRules.frameworkFree(FIXTURES + ".nosuchpackage..");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> aboutNothing.check(fixtures))
            .hasMessageContaining("failed to check any classes");
    }
}
