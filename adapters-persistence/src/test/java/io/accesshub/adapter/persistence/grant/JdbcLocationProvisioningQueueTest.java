package io.accesshub.adapter.persistence.grant;

import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.application.port.out.LocationProvisioningQueue.ProvisioningJob;
import io.accesshub.domain.installation.Installation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provisioning queue on the real database: one holder per job, pages claimable one after another. */
class JdbcLocationProvisioningQueueTest {

    private final LocationProvisioningQueue queue = SharedContext.bean(LocationProvisioningQueue.class);
    private final InstallationRepository installations = SharedContext.bean(InstallationRepository.class);
    private Installation company;

    @BeforeEach
    void enqueueAnAgency() {
        TestDatabase.shared().truncateTables();
        company = installations.add(aCompanyInstallation().build());
        queue.enqueue(company.id(), Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void aClaimedJobIsHeldAndAnAdvancedOneIsAtOnceClaimableAtItsNextPage() {
        ProvisioningJob first = queue.claim("instance-a", Duration.ofMinutes(10)).orElseThrow();
        assertThat(first.nextOffset()).isZero();
        assertThat(queue.claim("instance-b", Duration.ofMinutes(10))).as("held by instance-a").isEmpty();

        queue.advance(first, 100);

        ProvisioningJob second = queue.claim("instance-b", Duration.ofMinutes(10)).orElseThrow();
        assertThat(second.companyInstallation()).isEqualTo(company.id());
        assertThat(second.nextOffset()).isEqualTo(100);
    }

    @Test
    void anEnqueueDuringARunningPageRestartsTheJobAndTheRunningPageCannotOverwriteIt() {
        ProvisioningJob running = queue.claim("instance-a", Duration.ofMinutes(10)).orElseThrow();

        queue.enqueue(company.id(), Instant.parse("2020-01-01T00:00:00Z"));
        queue.advance(running, 100);
        queue.finish(running);

        ProvisioningJob restarted = queue.claim("instance-b", Duration.ofMinutes(10)).orElseThrow();
        assertThat(restarted.nextOffset()).as("the restart from the first page stands").isZero();
    }

    @Test
    void anAdvancedAgencyQueuesBehindOneThatWaitedLonger() {
        Installation other = installations.add(aCompanyInstallation().build());
        queue.enqueue(other.id(), Instant.parse("2020-01-02T00:00:00Z"));
        ProvisioningJob first = queue.claim("instance-a", Duration.ofMinutes(10)).orElseThrow();
        assertThat(first.companyInstallation()).isEqualTo(company.id());

        queue.advance(first, 100);

        assertThat(queue.claim("instance-a", Duration.ofMinutes(10)).orElseThrow().companyInstallation())
            .isEqualTo(other.id());
    }

    @Test
    void aFinishedJobIsNeverClaimedAndARetriedOneWaitsForItsTime() {
        ProvisioningJob job = queue.claim("instance-a", Duration.ofMinutes(10)).orElseThrow();
        queue.retryLater(job, Instant.parse("2999-01-01T00:00:00Z"));
        assertThat(queue.claim("instance-a", Duration.ofMinutes(10))).isEmpty();

        queue.enqueue(company.id(), Instant.parse("2020-01-01T00:00:00Z"));
        queue.finish(queue.claim("instance-a", Duration.ofMinutes(10)).orElseThrow());

        assertThat(queue.claim("instance-a", Duration.ofMinutes(10))).isEmpty();
    }
}
