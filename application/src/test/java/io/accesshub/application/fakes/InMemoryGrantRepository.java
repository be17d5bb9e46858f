package io.accesshub.application.fakes;

import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.InstallationId;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Thread-safe in-memory {@link GrantRepository}. Does not check that the installation exists (a database does);
 * tests that care store the installation first, as production code must.
 */
public final class InMemoryGrantRepository implements GrantRepository, TransactionalFake {

    private final Map<InstallationId, Grant> byInstallation = new HashMap<>();

    @Override
    public synchronized Optional<Grant> findByInstallationId(InstallationId installationId) {
        Objects.requireNonNull(installationId, "installationId");
        return Optional.ofNullable(byInstallation.get(installationId));
    }

    @Override
    public synchronized Grant add(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        if (grant.version() != 0) {
            throw new IllegalArgumentException("a new grant has version 0");
        }
        if (byInstallation.containsKey(grant.installationId())) {
            throw new AlreadyExistsException("installation " + grant.installationId() + " already has a grant");
        }
        byInstallation.put(grant.installationId(), grant);
        return grant;
    }

    @Override
    public synchronized Grant update(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        Grant current = byInstallation.get(grant.installationId());
        if (current == null || current.version() != grant.version()) {
            throw new ConcurrentUpdateException("grant of " + grant.installationId() + " at version "
                    + grant.version() + " is not the stored one");
        }
        Grant stored = withVersion(grant, grant.version() + 1);
        byInstallation.put(stored.installationId(), stored);
        return stored;
    }

    @Override
    public synchronized boolean deleteByInstallationId(InstallationId installationId) {
        Objects.requireNonNull(installationId, "installationId");
        return byInstallation.remove(installationId) != null;
    }

    /** Every stored grant, in installation id order. */
    public synchronized List<Grant> all() {
        return byInstallation.values().stream().sorted(Comparator.comparing(Grant::installationId)).toList();
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<InstallationId, Grant> copy = new HashMap<>(byInstallation);
        return () -> {
            synchronized (this) {
                byInstallation.clear();
                byInstallation.putAll(copy);
            }
        };
    }

    private static Grant withVersion(Grant g, long version) {
        return Grant.rehydrate(g.installationId(), g.source(), g.accessToken(), g.accessTokenExpiresAt(),
                g.refreshToken(), g.issuedAt(), g.scopes(), g.bookkeeping(), version);
    }
}
