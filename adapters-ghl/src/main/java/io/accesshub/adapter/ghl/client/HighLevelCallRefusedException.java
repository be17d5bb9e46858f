package io.accesshub.adapter.ghl.client;

import io.accesshub.application.port.in.HighLevelCallResult;

/**
 * A call made through the {@code highlevel-calls} client that the hub answered itself instead of HighLevel: a path
 * that is the hub's own, no usable token, a spent budget, a rejected token on a call that may not be repeated, or no
 * answer. {@link #result()} says which (and when to retry); the message never holds a token.
 */
public final class HighLevelCallRefusedException extends RuntimeException {

    private final transient HighLevelCallResult result;

    public HighLevelCallRefusedException(HighLevelCallResult result) {
        super("The hub did not get HighLevel's answer to this call: " + result.getClass().getSimpleName(), null,
            false, false);
        this.result = result;
    }

    /** What the call came to. */
    public HighLevelCallResult result() {
        return result;
    }
}
