package io.accesshub.application.port.in;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.TokenReadAuditQuery;
import io.accesshub.application.port.out.TokenReadCount;

/** The audit of token reads: which key read which installation's token, per minute; flushed and purged on a schedule. */
public interface AuditTokenReadsUseCase {

    /** Stored counts, newest first; counts of the last flush interval may still be in memory. */
    Page<TokenReadCount> find(TokenReadAuditQuery query, PageRequest page);

    /** Writes the counts gathered in memory since the last flush; keeps them for the next flush if the write fails. */
    void flush();

    /** Deletes counts older than the retention, in batches; answers how many went. */
    int purgeExpired();
}
