package io.accesshub.application.fakes;

import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Install states in memory, consumed atomically. */
public final class InMemoryInstallStateStore implements InstallStateStore {

    private record Entry(MarketplaceAppId app, String browserHash, Optional<InstallReference> ref, Instant expiresAt,
                         boolean used) {
    }

    private final Map<String, Entry> states = new HashMap<>();

    @Override
    public synchronized void save(PendingInstall pending) {
        states.put(pending.stateHash(), new Entry(pending.app(), pending.browserHash(), pending.ref(),
            pending.expiresAt(), false));
    }

    @Override
    public synchronized StateConsumption consume(String stateHash, String browserHash, Instant now) {
        Entry entry = states.get(stateHash);
        if (entry == null) {
            return new StateConsumption.Unknown();
        }
        if (!entry.browserHash().equals(browserHash)) {
            return new StateConsumption.OtherBrowser();
        }
        if (entry.used()) {
            return new StateConsumption.AlreadyUsed();
        }
        if (!now.isBefore(entry.expiresAt())) {
            return new StateConsumption.Expired();
        }
        states.put(stateHash, new Entry(entry.app(), entry.browserHash(), entry.ref(), entry.expiresAt(), true));
        return new StateConsumption.Consumed(entry.app(), entry.ref());
    }

    @Override
    public synchronized int purgeExpired(Instant expiredBefore, int limit) {
        List<String> doomed = states.entrySet().stream()
            .filter(e -> e.getValue().expiresAt().isBefore(expiredBefore))
            .sorted(Comparator.comparing(e -> e.getValue().expiresAt()))
            .limit(limit).map(Map.Entry::getKey).toList();
        doomed.forEach(states::remove);
        return doomed.size();
    }

    /** How many states are stored (used or not). */
    public synchronized int size() {
        return states.size();
    }

    /** How many stored states are used. */
    public synchronized long used() {
        return states.values().stream().filter(Entry::used).count();
    }

    /** Whether any stored key or browser hash equals this raw value (it must never: only hashes are stored). */
    public synchronized boolean storesRawValue(String raw) {
        return states.containsKey(raw) || states.values().stream().anyMatch(e -> e.browserHash().equals(raw));
    }
}
