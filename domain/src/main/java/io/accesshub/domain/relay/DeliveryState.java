package io.accesshub.domain.relay;

/** Where a delivery of one event to one subscription stands. */
public enum DeliveryState {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** The subscriber answered 2xx. */
    DELIVERED,
    /** Retries gave up; it waits for an operator's replay and holds back nothing. */
    PARKED
}
