package io.accesshub.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The house-style architecture rules, parameterised by package so that each one can also be shown to fail on a
 * deliberately broken fixture (see {@code ArchitectureRulesCanFailTest}): a rule that cannot fail proves nothing.
 */
final class HubArchitectureRules {

    static final String DOMAIN = "io.accesshub.domain..";
    static final String APPLICATION = "io.accesshub.application..";
    static final String PORT_IN = "io.accesshub.application.port.in..";
    static final String PORT_OUT = "io.accesshub.application.port.out..";
    static final String SERVICE = "io.accesshub.application.service..";
    static final String ADAPTERS = "io.accesshub.adapter..";
    /**
     * The one library the application layer may use besides the JDK: Caffeine, for the bounded, expiring token cache
     * of {@code TokenService}. A plain in-memory data structure with no framework, I/O or annotations processing; the
     * alternative, a hand-written cache, is what issue 9 replaced.
     */
    static final String CAFFEINE = "com.github.benmanes.caffeine..";

    /** Frameworks the core must never see. */
    static final String[] FRAMEWORKS = {
        "io.micronaut..", "jakarta..", "javax.inject..", "javax.persistence..", "com.fasterxml..", "lombok..",
        "org.slf4j..", "io.netty..", "io.opentelemetry.."
    };

    private HubArchitectureRules() {
    }

    /** Rule 1 and 2: a core layer depends only on the JDK, on itself and on the layers named as allowed. */
    static ArchRule onlyDependsOnJdkAnd(String layer, String... allowedLayers) {
        String[] allowed = Stream.concat(Stream.of("java..", "", layer), Arrays.stream(allowedLayers))
            .toArray(String[]::new);
        return classes().that().resideInAPackage(layer)
            .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
            .because("the core is plain Java: dependencies point inward");
    }

    /** Rule 3: framework packages stay out of the core. */
    static ArchRule frameworkFree(String... corePackages) {
        return noClasses().that().resideInAnyPackage(corePackages)
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("domain and application hold no framework code");
    }

    /** Rule 4: the two port packages are independent of each other and of the services. */
    static ArchRule portsIndependent(String portPackage, String... forbidden) {
        return noClasses().that().resideInAPackage(portPackage)
            .should().dependOnClassesThat().resideInAnyPackage(forbidden)
            .because("ports describe the boundary; they know neither the other side nor the implementation");
    }

    /** Rule 5a: adapters never depend on each other. */
    static ArchRule adaptersIndependent(String adapterSlicePattern) {
        return slices().matching(adapterSlicePattern).should().notDependOnEachOther()
            .because("adapters meet only through the application's ports");
    }

    /** Rule 5b: adapters never see application services, only the ports. */
    static ArchRule adaptersUsePortsOnly(String adapterPackage, String servicePackage) {
        return noClasses().that().resideInAPackage(adapterPackage)
            .should().dependOnClassesThat().resideInAPackage(servicePackage)
            .because("only bootstrap wires services; adapters call use-case interfaces");
    }

    /** Rule 6: time and identity are inputs to the core, never read from the machine. */
    static ArchRule noWallClockOrRandomIds(String... corePackages) {
        return noClasses().that().resideInAnyPackage(corePackages)
            .should().callMethodWhere(describe("reads the wall clock or makes a random id",
                (JavaCall<?> call) -> readsWallClockOrRandomId(call)))
            .because("time and identity are passed in (Clock, id generator) so the core stays deterministic");
    }

    private static boolean readsWallClockOrRandomId(JavaCall<?> call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return switch (owner) {
            case "java.time.Instant", "java.time.LocalDateTime", "java.time.LocalDate", "java.time.LocalTime",
                 "java.time.OffsetDateTime", "java.time.ZonedDateTime", "java.time.Year", "java.time.YearMonth" ->
                name.equals("now");
            case "java.lang.System" -> name.equals("currentTimeMillis") || name.equals("nanoTime");
            case "java.time.Clock" -> name.equals("systemUTC") || name.equals("systemDefaultZone");
            case "java.util.UUID" -> name.equals("randomUUID");
            default -> false;
        };
    }

    /** Rule 8: no cycles between the packages directly under a root. */
    static ArchRule noCycles(String slicePattern) {
        return slices().matching(slicePattern).should().beFreeOfCycles();
    }

    /** Rule 7: a class named with the suffix lives in the package made for it. */
    static ArchRule namedClassesLiveIn(String suffix, String packagePattern) {
        return classes().that().haveSimpleNameEndingWith(suffix).and().areTopLevelClasses()
            .should().resideInAPackage(packagePattern);
    }

    /** Rule 7: an annotation that belongs to one adapter is used only there. */
    static ArchRule annotationOnlyIn(String annotationName, String packagePattern) {
        return classes().that().areAnnotatedWith(annotationName)
            .should().resideInAPackage(packagePattern);
    }
}
