package io.accesshub.bootstrap.tracing;

import io.accesshub.bootstrap.config.StartupConfiguration;
import java.util.Map;
import java.util.Optional;

/**
 * Decides at start-up whether the hub traces. {@code ACCESSHUB_TRACING_ENABLED} decides when it is set; otherwise
 * tracing is on exactly when an OTLP endpoint is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, from any configuration source). When it is off Micronaut creates no
 * OpenTelemetry SDK, no HTTP tracing filters and no JDBC wrapper: tracing then costs nothing.
 */
public final class TracingSwitch {

    /** The property {@code application.yml} turns Micronaut's OpenTelemetry and the JDBC wrapper on with. */
    public static final String ENABLED = "accesshub.tracing.enabled";
    static final String ENDPOINT = "otel.exporter.otlp.endpoint";
    static final String TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";

    private TracingSwitch() {
    }

    /** The properties to start Micronaut with: {@value #ENABLED}{@code =true} when only an endpoint says so. */
    public static Map<String, Object> properties(StartupConfiguration configuration) {
        return decide(configuration.value(ENABLED), configuration.value(ENDPOINT)
            .or(() -> configuration.value(TRACES_ENDPOINT)).isPresent());
    }

    /** The explicit switch is left to Micronaut; without one, a configured endpoint turns tracing on. */
    static Map<String, Object> decide(Optional<String> explicit, boolean endpointConfigured) {
        if (explicit.isPresent() || !endpointConfigured) {
            return Map.of();
        }
        return Map.of(ENABLED, "true");
    }
}
