package io.accesshub.application.fakes;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.ConcurrentUpdateException;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Thread-safe in-memory {@link InstallationRepository}: keeps copies without recorded events, checks versions. */
public final class InMemoryInstallationRepository implements InstallationRepository, TransactionalFake {

    private final Map<InstallationId, Installation> byId = new HashMap<>();

    @Override
    public synchronized Optional<Installation> findById(InstallationId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Installation> findByKey(InstallationKey key) {
        Objects.requireNonNull(key, "key");
        return byId.values().stream().filter(i -> i.key().equals(key)).findFirst();
    }

    @Override
    public synchronized Installation add(Installation installation) {
        Objects.requireNonNull(installation, "installation");
        if (installation.version() != 0) {
            throw new IllegalArgumentException("a new installation has version 0");
        }
        if (byId.containsKey(installation.id())) {
            throw new AlreadyExistsException("installation " + installation.id() + " already exists");
        }
        if (findByKey(installation.key()).isPresent()) {
            throw new AlreadyExistsException("an installation for " + installation.key() + " already exists");
        }
        Installation stored = withVersion(installation, 0L);
        byId.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Installation update(Installation installation) {
        Objects.requireNonNull(installation, "installation");
        Installation current = byId.get(installation.id());
        if (current == null || current.version() != installation.version()) {
            throw new ConcurrentUpdateException("installation " + installation.id() + " at version "
                    + installation.version() + " is not the stored one");
        }
        if (!current.key().equals(installation.key())) {
            throw new IllegalArgumentException("an installation's key never changes");
        }
        Installation stored = withVersion(installation, installation.version() + 1);
        byId.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Page<Installation> list(InstallationFilter filter, PageRequest page) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
        List<Installation> matching = byId.values().stream()
                .filter(i -> matches(filter, i))
                .sorted(Comparator.comparing(Installation::id))
                .toList();
        List<Installation> slice = matching.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Page<>(slice, matching.size(), page);
    }

    @Override
    public synchronized List<Installation> locationsOfCompany(MarketplaceAppId app, CompanyId company,
                                                           Optional<InstallationId> after, int limit) {
        return byId.values().stream()
                .filter(i -> i.key().appId().equals(app) && i.key().companyId().equals(company)
                        && i.userType() == UserType.LOCATION && after.map(a -> i.id().compareTo(a) > 0).orElse(true))
                .sorted(Comparator.comparing(Installation::id))
                .limit(limit)
                .toList();
    }

    /** Every stored installation, in id order. */
    public synchronized List<Installation> all() {
        return byId.values().stream().sorted(Comparator.comparing(Installation::id)).toList();
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<InstallationId, Installation> copy = new HashMap<>(byId);
        return () -> {
            synchronized (this) {
                byId.clear();
                byId.putAll(copy);
            }
        };
    }

    private static boolean matches(InstallationFilter filter, Installation i) {
        return filter.appId().map(a -> a.equals(i.key().appId())).orElse(true)
                && filter.companyId().map(c -> c.equals(i.key().companyId())).orElse(true)
                && filter.locationId().map(l -> i.key().locationId().equals(Optional.of(l))).orElse(true)
                && filter.userType().map(u -> u == i.userType()).orElse(true)
                && filter.status().map(s -> s == i.status()).orElse(true)
                && filter.scope().permits(i.key());
    }

    private static Installation withVersion(Installation i, long version) {
        return Installation.rehydrate(i.id(), i.key(), i.companyDetails(), i.status(), i.reason(), i.createdAt(),
                i.statusChangedAt(), i.lastLifecycleChangeAt(), i.plan(), i.planReportedAt(), version);
    }
}
