package io.accesshub.application.port.out;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import java.time.Instant;
import java.util.List;

/** Durable counts of token reads per key, installation and minute. */
public interface TokenReadAudit {

    /** Adds these counts to the stored ones (a count for a stored key, installation and minute adds up). */
    void add(List<TokenReadCount> counts);

    /** Stored counts matching the query, newest minute first. */
    Page<TokenReadCount> find(TokenReadAuditQuery query, PageRequest page);

    /** Deletes at most {@code limit} counts older than {@code before}, oldest first; answers how many went. */
    int purgeBefore(Instant before, int limit);
}
