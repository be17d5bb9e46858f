package io.accesshub.adapter.http.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A usable access token with what it is for; served with {@code Cache-Control: no-store}. */
@Serdeable
public record AccessTokenResponse(String accessToken, String tokenType, Instant expiresAt, List<String> scopes,
                                  String companyId, @Nullable String locationId, String source) {

    @Override
    public String toString() {
        return "AccessTokenResponse[accessToken=<redacted>, companyId=" + companyId + ", locationId=" + locationId
            + "]";
    }
}
