package io.accesshub.domain.budget;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The order in which calls waiting for one budget are served: round-robin across callers (API keys), first come
 * first served within each, so a caller with many calls waiting cannot starve one with a single call. Not
 * thread-safe: its owner holds a lock.
 *
 * @param <T> what waits (a ticket per call)
 */
public final class FairQueue<T> {

    private final Deque<String> round = new ArrayDeque<>();
    private final Map<String, Deque<T>> lines = new HashMap<>();

    /** Adds a waiting call of {@code caller} at the end of its own line (a new caller joins the end of the round). */
    public void add(String caller, T ticket) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(ticket, "ticket");
        lines.computeIfAbsent(caller, c -> {
            round.addLast(c);
            return new ArrayDeque<>();
        }).addLast(ticket);
    }

    /** The call served next, without removing it: the head of the line of the caller whose turn it is. */
    public Optional<T> peek() {
        return Optional.ofNullable(round.peekFirst()).map(caller -> lines.get(caller).peekFirst());
    }

    /**
     * Removes a call (served, or given up). When it was the call whose turn it was, its caller goes to the back of
     * the round; any other caller keeps its place.
     */
    public void remove(T ticket) {
        for (Map.Entry<String, Deque<T>> line : lines.entrySet()) {
            String caller = line.getKey();
            boolean wasTurn = caller.equals(round.peekFirst()) && ticket.equals(line.getValue().peekFirst());
            if (line.getValue().remove(ticket)) {
                if (line.getValue().isEmpty()) {
                    lines.remove(caller);
                    round.remove(caller);
                } else if (wasTurn) {
                    round.removeFirst();
                    round.addLast(caller);
                }
                return;
            }
        }
    }

    /** Whether nobody waits. */
    public boolean isEmpty() {
        return round.isEmpty();
    }

    /** Calls waiting in all lines. */
    public int size() {
        return lines.values().stream().mapToInt(Deque::size).sum();
    }
}
