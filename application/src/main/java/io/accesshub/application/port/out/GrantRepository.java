package io.accesshub.application.port.out;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;

import java.util.Optional;

/**
 * Stores the grant (tokens) of each installation, at most one per installation, with optimistic locking on its
 * {@code version}.
 *
 * <p>The domain hands over plaintext token values; an adapter encrypts them at rest and never stores or logs them
 * in clear. Every field round-trips exactly; instants with at least microsecond precision. A grant may only be
 * stored for a stored installation.
 */
public interface GrantRepository {

    /** The grant of this installation, if one is stored. */
    Optional<Grant> findByInstallationId(InstallationId installationId);

    /**
     * Stores the first grant of an installation (version 0) and returns it as stored (equal to the argument).
     *
     * @throws AlreadyExistsException when the installation already has a grant
     */
    Grant add(Grant grant);

    /**
     * Stores a changed grant whose {@code version} is the stored one, and returns it with the version advanced by
     * exactly one.
     *
     * @throws ConcurrentUpdateException when no grant of this installation with this version is stored
     */
    Grant update(Grant grant);

    /** Erases the grant of this installation (uninstall); returns whether there was one. Idempotent. */
    boolean deleteByInstallationId(InstallationId installationId);
}
