package io.accesshub.bootstrap.tracing;

import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import jakarta.inject.Singleton;

/**
 * Shapes the SDK Micronaut builds from the {@code otel.*} configuration: traces start only at entry points
 * ({@link EntryPointSampler} around the configured sampler) and idle queue runs are not exported
 * ({@link IdleRunFilter} in front of each exporting processor, the OTLP exporter's batch processor).
 */
@Singleton
final class TraceShaping implements OpenTelemetryBuilderCustomizer {

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addSamplerCustomizer((configured, config) -> new EntryPointSampler(configured));
        builder.addSpanProcessorCustomizer((processor, config) -> new IdleRunFilter(processor));
    }
}
