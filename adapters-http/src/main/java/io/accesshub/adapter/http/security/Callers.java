package io.accesshub.adapter.http.security;

import io.accesshub.application.port.in.Caller;
import io.micronaut.security.authentication.Authentication;

/** Reads the {@link Caller} the API key authentication attached to a request's {@link Authentication}. */
public final class Callers {

    /** The attribute holding the caller. */
    public static final String ATTRIBUTE = "accesshub.caller";

    private Callers() {
    }

    /** The caller behind this authentication; fails when it did not come from an API key (a wiring error). */
    public static Caller of(Authentication authentication) {
        Object caller = authentication.getAttributes().get(ATTRIBUTE);
        if (caller instanceof Caller known) {
            return known;
        }
        throw new IllegalStateException("the request was not authenticated by an API key");
    }
}
