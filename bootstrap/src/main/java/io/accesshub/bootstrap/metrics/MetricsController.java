package io.accesshub.bootstrap.metrics;

import io.accesshub.domain.access.Permission;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format 0.0.4, for API keys with {@code metrics:read} or
 * {@code admin}. Micronaut's own JSON {@code /metrics} and {@code /prometheus} endpoints are disabled.
 */
@Controller("/metrics")
@Secured({Permission.METRICS_READ_ROLE, Permission.ADMIN_ROLE})
public class MetricsController {

    /** The Prometheus text exposition format this endpoint speaks. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final FleetGauges gauges;

    public MetricsController(PrometheusMeterRegistry registry, FleetGauges gauges) {
        this.registry = registry;
        this.gauges = gauges;
    }

    /** The scrape; gauges read from the database are refreshed first when they are older than their interval. */
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> scrape() {
        gauges.refreshIfStale();
        return HttpResponse.ok(registry.scrape()).contentType(CONTENT_TYPE);
    }
}
