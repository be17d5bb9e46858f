package io.accesshub.adapter.http.metrics;

import io.accesshub.domain.access.Permission;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format 0.0.4, for API keys with {@code metrics:read} or
 * {@code admin}; the meters are listed in docs/operations.md.
 */
@Controller("/metrics")
@Secured({Permission.METRICS_READ_ROLE, Permission.ADMIN_ROLE})
@Requires(beans = MetricsScrape.class)
public class MetricsController {

    /** The Prometheus text exposition format this endpoint speaks. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MetricsScrape metrics;

    public MetricsController(MetricsScrape metrics) {
        this.metrics = metrics;
    }

    /** The scrape (it may read gauges from the database first, hence a blocking thread). */
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> scrape() {
        return HttpResponse.ok(metrics.scrape()).contentType(CONTENT_TYPE);
    }
}
