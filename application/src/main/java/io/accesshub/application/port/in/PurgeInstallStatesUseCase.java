package io.accesshub.application.port.in;

/** Deletes install states that expired a while ago, in batches, so abandoned install links do not pile up. */
public interface PurgeInstallStatesUseCase {

    /** Purges every state past its expiry plus the grace period; returns how many were deleted. */
    long purgeExpiredStates();
}
