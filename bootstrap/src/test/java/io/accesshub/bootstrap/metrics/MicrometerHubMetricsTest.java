package io.accesshub.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.ReceiveWebhookUseCase.ReceiveResult;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The names and labels Prometheus sees are the ones docs/operations.md documents. */
class MicrometerHubMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerHubMetrics metrics = new MicrometerHubMetrics(registry);
    private final MarketplaceAppId app = MarketplaceAppId.of("65f0c0ffee0123456789abcd");

    @Test
    void eachObservationIsRenderedUnderItsDocumentedName() {
        metrics.refreshOutcome(app, "invalid_grant");
        metrics.refreshLag(app, Duration.ofMinutes(25));
        metrics.refreshLag(app, Duration.ofSeconds(-5));
        metrics.startTokenRead().stop("issued");
        metrics.tokenCacheLookup(true);
        metrics.tokenCacheLookup(false);
        metrics.highLevelCall(app, "/oauth/token", "429");
        metrics.highLevelPacingWait(app, Duration.ofMillis(40));
        metrics.webhookIntake("accepted");
        metrics.webhookProcessed("dead");
        metrics.highLevelBudgetDecision(app, "wait_exhausted");
        metrics.relayAttempt("parked");

        String scrape = registry.scrape();

        assertThat(scrape)
            .contains("accesshub_refresh_outcomes_total{app=\"65f0c0ffee0123456789abcd\",outcome=\"invalid_grant\"} 1")
            .contains("accesshub_refresh_lag_seconds_count{app=\"65f0c0ffee0123456789abcd\"} 2")
            .contains("accesshub_refresh_lag_seconds_sum{app=\"65f0c0ffee0123456789abcd\"} 1500")
            .contains("accesshub_refresh_lag_seconds_bucket{app=\"65f0c0ffee0123456789abcd\",le=\"1800.0\"} 2")
            .contains("accesshub_refresh_lag_seconds_bucket{app=\"65f0c0ffee0123456789abcd\",le=\"60.0\"} 1")
            .contains("accesshub_token_reads_seconds_count{outcome=\"issued\"} 1")
            .contains("accesshub_token_reads_seconds_bucket{outcome=\"issued\",le=\"0.005\"}")
            .contains("accesshub_token_cache_lookups_total{result=\"hit\"} 1")
            .contains("accesshub_token_cache_lookups_total{result=\"miss\"} 1")
            .contains("accesshub_highlevel_calls_total{app=\"65f0c0ffee0123456789abcd\",endpoint=\"/oauth/token\","
                + "status=\"429\"} 1")
            .contains("accesshub_highlevel_rate_limited_total{app=\"65f0c0ffee0123456789abcd\","
                + "endpoint=\"/oauth/token\"} 1")
            .contains("accesshub_highlevel_pacing_waits_seconds_count{app=\"65f0c0ffee0123456789abcd\"} 1")
            .contains("accesshub_webhooks_received_total{outcome=\"accepted\"} 1")
            .contains("accesshub_webhooks_processed_total{outcome=\"dead\"} 1")
            .contains("accesshub_highlevel_budget_decisions_total{app=\"65f0c0ffee0123456789abcd\","
                + "decision=\"wait_exhausted\"} 1")
            .contains("accesshub_relay_attempts_total{outcome=\"parked\"} 1");
    }

    @Test
    void aSuccessfulCallIsNotCountedAsRateLimited() {
        metrics.highLevelCall(app, "/oauth/locationToken", "200");

        assertThat(registry.scrape()).contains("accesshub_highlevel_calls_total").doesNotContain("rate_limited");
    }

    @Test
    void outcomeLabelsAreTheResultTypesInSnakeCase() {
        record NeedsReauthorization() {
        }
        record Issued() {
        }
        assertThat(HubMetrics.outcomeOf(new NeedsReauthorization())).isEqualTo("needs_reauthorization");
        assertThat(HubMetrics.outcomeOf(new Issued())).isEqualTo("issued");
    }

    @Test
    void everyWebhookResultHasItsOwnDocumentedOutcome() {
        assertThat(Arrays.stream(ReceiveResult.values()).map(WebhookMetering::outcome).distinct())
            .hasSize(ReceiveResult.values().length)
            .contains("accepted", "duplicate", "refused", "dropped_unknown_app");
    }
}
