package io.accesshub.application.port.in;

/** Deletes console audit entries older than the configured retention. */
public interface PurgeConsoleAuditUseCase {

    /** Purges every entry past retention, in bounded batches oldest first; returns how many it deleted. */
    int purgeExpired();
}
