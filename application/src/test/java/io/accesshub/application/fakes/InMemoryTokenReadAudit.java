package io.accesshub.application.fakes;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.TokenReadAudit;
import io.accesshub.application.port.out.TokenReadAuditQuery;
import io.accesshub.application.port.out.TokenReadCount;
import io.accesshub.domain.installation.InstallationKey;
import java.time.Instant;
import java.util.ArrayList;
import io.accesshub.domain.marketplace.LocationId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link TokenReadAudit} in memory; {@link #failWrites} makes {@code add} fail like an unreachable database. */
public final class InMemoryTokenReadAudit implements TokenReadAudit {

    private record Slot(String keyName, InstallationKey installation, Instant minute) {
    }

    private final Map<Slot, Long> counts = new LinkedHashMap<>();
    private boolean failWrites;

    public synchronized void failWrites(boolean fail) {
        this.failWrites = fail;
    }

    @Override
    public synchronized void add(List<TokenReadCount> batch) {
        if (failWrites) {
            throw new IllegalStateException("database unavailable (fake)");
        }
        for (TokenReadCount c : batch) {
            counts.merge(new Slot(c.keyName(), c.installation(), c.minute()), c.reads(), Long::sum);
        }
    }

    @Override
    public synchronized Page<TokenReadCount> find(TokenReadAuditQuery query, PageRequest page) {
        List<TokenReadCount> matching = new ArrayList<>();
        counts.forEach((slot, reads) -> {
            boolean match = query.companyId().map(c -> c.equals(slot.installation().companyId())).orElse(true)
                && query.locationId().map(l -> slot.installation().locationId().map(l::equals).orElse(false))
                    .orElse(true)
                && query.keyName().map(k -> k.equals(slot.keyName())).orElse(true)
                && query.from().map(f -> !slot.minute().isBefore(f)).orElse(true)
                && query.to().map(t -> slot.minute().isBefore(t)).orElse(true);
            if (match) {
                matching.add(new TokenReadCount(slot.keyName(), slot.installation(), slot.minute(), reads));
            }
        });
        matching.sort(Comparator.comparing(TokenReadCount::minute).thenComparing(TokenReadCount::keyName)
            .thenComparing(c -> c.installation().appId().value()).thenComparing(c -> c.installation().companyId().value())
            .thenComparing(c -> c.installation().locationId().map(LocationId::value).orElse("")).reversed());
        List<TokenReadCount> items = matching.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Page<>(items, matching.size(), page);
    }

    @Override
    public synchronized int purgeBefore(Instant before, int limit) {
        List<Slot> old = counts.keySet().stream().filter(s -> s.minute().isBefore(before))
            .sorted(Comparator.comparing(Slot::minute)).limit(limit).toList();
        old.forEach(counts::remove);
        return old.size();
    }

    /** Total reads stored for this key name. */
    public synchronized long readsBy(String keyName) {
        return counts.entrySet().stream().filter(e -> e.getKey().keyName().equals(keyName))
            .mapToLong(Map.Entry::getValue).sum();
    }
}
