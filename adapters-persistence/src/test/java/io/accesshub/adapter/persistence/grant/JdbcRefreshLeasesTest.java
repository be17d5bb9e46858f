package io.accesshub.adapter.persistence.grant;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh lease on the real database under concurrency (the rest is {@link JdbcRefreshLeasesContractTest}). */
class JdbcRefreshLeasesTest {

    private final RefreshLeases leases = SharedContext.bean(RefreshLeases.class);
    private final GrantRepository grants = SharedContext.bean(GrantRepository.class);
    private final InstallationRepository installations = SharedContext.bean(InstallationRepository.class);
    private Grant grant;

    @BeforeEach
    void storeAGrant() {
        Installation installation = installations.add(aLocationInstallation().build());
        grant = grants.add(aLocationGrant().forInstallation(installation.id()).build());
    }

    @Test
    void concurrentAcquirersHaveExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<RefreshLease>>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String owner = "owner-" + i;
                attempts.add(() -> leases.acquire(grant.installationId(), owner, Duration.ofSeconds(30)));
            }
            int winners = 0;
            for (Future<Optional<RefreshLease>> f : pool.invokeAll(attempts)) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
