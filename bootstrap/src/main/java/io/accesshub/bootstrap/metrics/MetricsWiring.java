package io.accesshub.bootstrap.metrics;

import io.accesshub.adapter.http.metrics.MetricsScrape;
import io.accesshub.application.port.in.ViewBudgetsUseCase;
import io.accesshub.application.port.out.HubMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/** Builds the metrics adapter and the database-backed gauges. */
@Factory
public class MetricsWiring {

    /** Micrometer's metrics, or none when {@code ACCESSHUB_METRICS_ENABLED=false} leaves no registry. */
    @Singleton
    HubMetrics hubMetrics(Optional<MeterRegistry> registry) {
        return registry.<HubMetrics>map(MicrometerHubMetrics::new).orElse(HubMetrics.NOOP);
    }

    /** The scrape behind GET /metrics: database gauges refreshed when stale, then the Prometheus registry's text. */
    @Singleton
    @Requires(bean = PrometheusMeterRegistry.class)
    MetricsScrape metricsScrape(PrometheusMeterRegistry registry, FleetGauges gauges, BudgetGauges budgets) {
        return () -> {
            gauges.refreshIfStale();
            budgets.refreshIfStale();
            return registry.scrape();
        };
    }

    @Singleton
    @Requires(bean = MeterRegistry.class)
    BudgetGauges budgetGauges(ViewBudgetsUseCase budgets, MeterRegistry registry, Clock clock,
                              @Value("${accesshub.metrics.gauge-interval:30s}") Duration interval) {
        return new BudgetGauges(budgets, registry, clock, interval);
    }

    @Singleton
    @Requires(bean = MeterRegistry.class)
    FleetGauges fleetGauges(DataSource dataSource, MeterRegistry registry, Clock clock,
                            @Value("${accesshub.metrics.gauge-interval:30s}") Duration interval) {
        return new FleetGauges(DelegatingDataSource.unwrapDataSource(dataSource), registry, clock, interval);
    }
}
