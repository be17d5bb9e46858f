package io.accesshub.application.port.in;

/**
 * Deletes handled webhooks and delivered lifecycle events once they are older than the retention, and forgets the
 * ids of purged webhooks once they are older than the id retention.
 */
public interface PurgeHistoryUseCase {

    /** Purges everything past retention, in bounded batches; returns how many rows it deleted. */
    long purge();
}
