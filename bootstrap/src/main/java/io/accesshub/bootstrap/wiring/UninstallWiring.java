package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceUninstaller;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.application.service.CompanyCascadeRunner;
import io.accesshub.application.service.DeveloperUninstallService;
import io.accesshub.application.service.InstallationTransitions;
import io.accesshub.application.service.OutcomeKeeper;
import io.accesshub.application.service.GrantRefresher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;

/**
 * Builds the developer-uninstall service (ADR-35) from the ports and the shared refresher and cascade. Which token
 * authorises a location's uninstall is configuration ({@code accesshub.uninstall.location-token}: {@code location},
 * the default, or {@code agency}), as HighLevel does not document it; an unknown value stops the hub at startup.
 */
@Factory
public class UninstallWiring {

    /** Names this instance in uninstall leases. */
    private final String instanceId = HubWiring.hostName() + "-uninstall-"
        + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);

    /** Read when the context starts, so that a value the hub does not know stops it at startup. */
    @Context
    DeveloperUninstallService.LocationCredential uninstallLocationCredential(
        @Value("${accesshub.uninstall.location-token:location}") String locationToken) {
        return locationCredential(locationToken);
    }

    @Singleton
    DeveloperUninstallService developerUninstallService(
        InstallationRepository installations, GrantRepository grants, UninstallRequests requests,
        MarketplaceUninstaller marketplace, GrantRefresher refresher, CompanyCascadeRunner cascade,
        InstallationTransitions transitions, TransactionRunner transactions, Clock clock,
        DeveloperUninstallService.LocationCredential locationCredential, OutcomeKeeper keeper) {
        return new DeveloperUninstallService(installations, grants, requests, marketplace, refresher, cascade, transitions,
            transactions, clock, instanceId, locationCredential, keeper);
    }

    /** The configured value, {@code location} or {@code agency} in any case. */
    static DeveloperUninstallService.LocationCredential locationCredential(String value) {
        try {
            return DeveloperUninstallService.LocationCredential.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accesshub.uninstall.location-token must be location or agency, not '"
                + value + "'");
        }
    }
}
