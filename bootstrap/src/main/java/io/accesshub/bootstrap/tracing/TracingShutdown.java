package io.accesshub.bootstrap.tracing;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;

/**
 * Exports the spans still queued when the hub stops: Micronaut does not close the SDK it built, and the batch
 * processor would otherwise drop up to its last schedule delay (5 s) of spans. Waits at most 5 s for the endpoint.
 */
@Context
@Requires(beans = OpenTelemetry.class)
final class TracingShutdown {

    private final OpenTelemetry openTelemetry;

    TracingShutdown(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    @PreDestroy
    void shutdown() {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
