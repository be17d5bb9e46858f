package io.accesshub.bootstrap.metrics;

import io.accesshub.application.port.out.HubMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Builds the metrics adapter and the database-backed gauges. */
@Factory
public class MetricsWiring {

    @Singleton
    HubMetrics hubMetrics(MeterRegistry registry) {
        return new MicrometerHubMetrics(registry);
    }

    @Singleton
    FleetGauges fleetGauges(DataSource dataSource, MeterRegistry registry, Clock clock,
                            @Value("${accesshub.metrics.gauge-interval:30s}") Duration interval) {
        return new FleetGauges(DelegatingDataSource.unwrapDataSource(dataSource), registry, clock, interval);
    }
}
