package io.accesshub.application.fakes;

import io.accesshub.application.port.out.ConsoleSessionStore;
import io.accesshub.domain.console.ConsoleSession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ConsoleSessionStore} in memory. */
public final class InMemoryConsoleSessionStore implements ConsoleSessionStore {

    private final Map<String, ConsoleSession> byHash = new LinkedHashMap<>();

    @Override
    public synchronized void open(ConsoleSession session) {
        byHash.put(session.tokenHash(), session);
    }

    @Override
    public synchronized Optional<ConsoleSession> find(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash));
    }

    @Override
    public synchronized boolean touch(String tokenHash, Instant now, Instant idleBefore) {
        ConsoleSession session = byHash.get(tokenHash);
        if (session == null || !session.lastSeenAt().isAfter(idleBefore)) {
            return false;
        }
        Instant seen = now.isAfter(session.lastSeenAt()) ? now : session.lastSeenAt();
        byHash.put(tokenHash, new ConsoleSession(tokenHash, session.apiKeyId(), session.keyName(),
            session.createdAt(), seen));
        return true;
    }

    @Override
    public synchronized void close(String tokenHash) {
        byHash.remove(tokenHash);
    }

    @Override
    public synchronized int purgeIdle(Instant idleBefore, int limit) {
        int[] removed = {0};
        byHash.values().removeIf(s -> !s.lastSeenAt().isAfter(idleBefore) && removed[0]++ < limit);
        return Math.min(removed[0], limit);
    }

    /** How many sessions are stored. */
    public synchronized int size() {
        return byHash.size();
    }
}
