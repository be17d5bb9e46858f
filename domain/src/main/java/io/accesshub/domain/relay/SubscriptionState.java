package io.accesshub.domain.relay;

/** Whether a subscription's deliveries are sent; events keep being queued for it in every state. */
public enum SubscriptionState {
    /** Deliveries are sent. */
    ACTIVE,
    /** An operator paused it; events wait and are delivered in order on resume. */
    PAUSED,
    /** The hub paused it because its deliveries kept failing ({@link AutoPause}); events wait as for a pause. */
    AUTO_PAUSED;

    /** Whether deliveries are sent now. */
    public boolean sends() {
        return this == ACTIVE;
    }
}
