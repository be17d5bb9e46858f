package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.SecretGenerator;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.service.InstallService;
import io.accesshub.application.service.InstallationQueryService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the application services (plain Java, no annotations) from the adapters' port implementations. */
@Factory
public class HubWiring {

    private final RandomIds randomIds = new RandomIds();

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    IdGenerator idGenerator() {
        return randomIds;
    }

    @Singleton
    SecretGenerator secretGenerator() {
        return randomIds;
    }

    @Singleton
    InstallationEventPublisher installationEventPublisher() {
        return new LoggingEventPublisher();
    }

    @Singleton
    InstallService installService(MarketplaceApps apps, MarketplaceGateway gateway, InstallStateStore states,
                                  SecretGenerator secrets, InstallationRepository installations,
                                  GrantRepository grants, InstallationEventPublisher events,
                                  TransactionRunner transactions, IdGenerator ids, Clock clock,
                                  @Value("${accesshub.install.accept-marketplace-initiated:true}")
                                  boolean acceptMarketplaceInitiated) {
        return new InstallService(apps, gateway, states, secrets, installations, grants, events, transactions, ids,
            clock, acceptMarketplaceInitiated);
    }

    @Singleton
    InstallationQueryService installationQueryService(InstallationRepository installations, GrantRepository grants,
                                                      Clock clock) {
        return new InstallationQueryService(installations, grants, clock);
    }
}
