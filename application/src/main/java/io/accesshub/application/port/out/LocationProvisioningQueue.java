package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Durable, leased jobs that mint location tokens for an agency installation's installed locations in the
 * background, page by page, so that an install callback never waits on hundreds of mints.
 */
public interface LocationProvisioningQueue {

    /** Schedules (or restarts from the first page) provisioning for this agency installation. */
    void enqueue(InstallationId companyInstallation, Instant notBefore);

    /** Claims one due job for {@code leaseDuration} (database clock); empty when none is due or all are held. */
    Optional<ProvisioningJob> claim(String owner, Duration leaseDuration);

    /**
     * Records that the locations before {@code nextOffset} are done and releases the job, so that the next page can
     * be claimed at once (by this instance or another).
     */
    void advance(ProvisioningJob job, int nextOffset);

    /** Marks the job done. */
    void finish(ProvisioningJob job);

    /** Gives the job back to be retried from where it stands, not before {@code notBefore}. */
    void retryLater(ProvisioningJob job, Instant notBefore);

    /** A claimed job: the agency installation and the offset of the next page of locations. */
    record ProvisioningJob(InstallationId companyInstallation, int nextOffset, String owner) {
    }
}
