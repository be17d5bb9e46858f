package io.accesshub.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * Aggregates of the presentation log, small enough to fetch after a run with tens of thousands of refreshes (the
 * full log is at {@code GET /_sim/presentations}).
 *
 * @param refreshPresentations                 refresh tokens presented to {@code /oauth/token}, any outcome
 * @param refreshPresentationsByOutcome        those presentations per outcome ({@code ACCEPTED}, {@code GRACE_REPLAY},
 *                                             {@code REJECTED_REUSED}, ...)
 * @param resourcesWithRefreshPresentations    locations or companies whose refresh tokens were presented at least once
 * @param refreshPresentationsPerResource      histogram: presentations per resource → how many resources
 * @param acceptedRefreshesPerResource         histogram: accepted refreshes (rotations) per resource → how many
 *                                             resources (resources never refreshed are not counted)
 * @param firstRefreshPresentationAt           simulated time of the first refresh presentation, null if none
 * @param lastRefreshPresentationAt            simulated time of the last one, null if none
 * @param presentationsByKindAndOutcome        every presentation (not issuance) per {@code KIND OUTCOME}
 */
public record PresentationSummary(
        long refreshPresentations,
        Map<String, Long> refreshPresentationsByOutcome,
        long resourcesWithRefreshPresentations,
        Map<Integer, Long> refreshPresentationsPerResource,
        Map<Integer, Long> acceptedRefreshesPerResource,
        Instant firstRefreshPresentationAt,
        Instant lastRefreshPresentationAt,
        Map<String, Long> presentationsByKindAndOutcome) {
}
