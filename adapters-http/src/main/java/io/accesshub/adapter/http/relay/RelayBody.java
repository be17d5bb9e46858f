package io.accesshub.adapter.http.relay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON body of a relay delivery, as documented in {@code docs/extending.md}: the event type, when the event
 * happened (ISO-8601 UTC) and the installation it concerns with the event's {@code sequence}. Never a token.
 */
@Serdeable
record RelayBody(String type, String timestamp, Data data) {

    /** The installation summary: who, what state and why, the app's plan, and the event's place in its order. */
    @Serdeable
    record Data(String installationId, String appId, String companyId, @Nullable String locationId, String userType,
                String status, String reason, @Nullable String planId, long sequence) {
    }
}
