package io.accesshub.application.fakes;

import io.accesshub.application.port.out.InstallStateStore;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Install states in memory, consumed atomically. */
public final class InMemoryInstallStateStore implements InstallStateStore {

    private record Entry(MarketplaceAppId app, Instant expiresAt, boolean used) {
    }

    private final Map<String, Entry> states = new HashMap<>();

    @Override
    public synchronized void save(String stateHash, MarketplaceAppId app, Instant expiresAt) {
        states.put(stateHash, new Entry(app, expiresAt, false));
    }

    @Override
    public synchronized StateConsumption consume(String stateHash, Instant now) {
        Entry entry = states.get(stateHash);
        if (entry == null) {
            return new StateConsumption.Unknown();
        }
        if (entry.used()) {
            return new StateConsumption.AlreadyUsed();
        }
        if (!now.isBefore(entry.expiresAt())) {
            return new StateConsumption.Expired();
        }
        states.put(stateHash, new Entry(entry.app(), entry.expiresAt(), true));
        return new StateConsumption.Consumed(entry.app());
    }

    /** How many states are stored (used or not). */
    public synchronized int size() {
        return states.size();
    }

    /** Whether any stored key equals this raw value (it must never: only hashes are stored). */
    public synchronized boolean storesRawValue(String raw) {
        return states.containsKey(raw);
    }
}
