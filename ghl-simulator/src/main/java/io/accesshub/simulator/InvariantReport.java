package io.accesshub.simulator;

import java.util.List;
import java.util.Map;

/**
 * What clients did that HighLevel punishes, measured since start or reset.
 *
 * @param refreshTokensAcceptedMoreThanOnce  hashes of refresh tokens accepted (rotated) more than once outside the
 *                                           grace window; a simulator self-check, always empty
 * @param refreshTokensReusedOutsideGrace    hashes of refresh tokens presented again after rotation, outside the
 *                                           grace window (each such presentation burned an invalid_grant)
 * @param invalidGrantFromReuse              {@code invalid_grant} answers caused by reusing a rotated refresh token
 *                                           or authorization code
 * @param invalidGrantTotal                  all {@code invalid_grant} answers
 * @param graceReplays                       presentations answered from the grace window
 * @param maxRequestsPerResourceInWindow     most requests (accepted or not) one resource made in any rate window
 * @param maxRequestsByResource              that maximum per resource
 * @param tooManyRequests                    429 answers served
 * @param requestsPerEndpoint                request counts per endpoint
 * @param invalidClient                      {@code 401 invalid_client} answers on {@code /oauth/token} (wrong client
 *                                           id or secret, or the injected fault); none of them spent a credential
 */
public record InvariantReport(
        List<String> refreshTokensAcceptedMoreThanOnce,
        List<String> refreshTokensReusedOutsideGrace,
        long invalidGrantFromReuse,
        long invalidGrantTotal,
        long graceReplays,
        int maxRequestsPerResourceInWindow,
        Map<String, Integer> maxRequestsByResource,
        long tooManyRequests,
        Map<String, Long> requestsPerEndpoint,
        long invalidClient) {

    /** True when no refresh token was reused and no request got 429. */
    public boolean clean() {
        return refreshTokensAcceptedMoreThanOnce.isEmpty() && refreshTokensReusedOutsideGrace.isEmpty()
                && invalidGrantFromReuse == 0 && tooManyRequests == 0;
    }
}
