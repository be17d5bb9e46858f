package io.accesshub.application.fakes;

import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.domain.console.ConsoleAuditEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link ConsoleAuditLog} in memory; takes part in {@link InMemoryTransactionRunner} rollbacks. */
public final class InMemoryConsoleAuditLog implements ConsoleAuditLog, TransactionalFake {

    private final List<ConsoleAuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(ConsoleAuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<ConsoleAuditEntry> recent(int limit) {
        List<ConsoleAuditEntry> newestFirst = new ArrayList<>(entries);
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    @Override
    public synchronized int purgeBefore(Instant before, int limit) {
        List<ConsoleAuditEntry> expired = entries.stream().filter(e -> e.at().isBefore(before))
            .sorted(Comparator.comparing(ConsoleAuditEntry::at)).limit(limit).toList();
        expired.forEach(entries::remove);
        return expired.size();
    }

    @Override
    public synchronized Runnable snapshot() {
        List<ConsoleAuditEntry> copy = List.copyOf(entries);
        return () -> {
            synchronized (this) {
                entries.clear();
                entries.addAll(copy);
            }
        };
    }
}
