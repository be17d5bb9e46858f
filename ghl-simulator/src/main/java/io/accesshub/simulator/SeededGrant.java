package io.accesshub.simulator;

import java.time.Instant;

/**
 * A location grant created by {@link GhlSimulator#seedLocationGrants(int)}: the app installed on a new location of
 * the agency and a token pair issued for it, as a location install's code exchange would have returned it. Meant for
 * load tests that need thousands of valid grants without running the install flow for each.
 *
 * @param companyId            the agency
 * @param locationId           the new location
 * @param userId               the simulated user of the install
 * @param accessToken          the access token
 * @param accessTokenExpiresAt when HighLevel considers the access token expired
 * @param refreshToken         the refresh token (single use, rotated on refresh)
 * @param scope                the granted scopes, space separated
 * @param issuedAt             simulated time of issue
 */
public record SeededGrant(String companyId, String locationId, String userId, String accessToken,
                          Instant accessTokenExpiresAt, String refreshToken, String scope, Instant issuedAt) {

    @Override
    public String toString() {
        return "SeededGrant[" + locationId + "]";
    }
}
