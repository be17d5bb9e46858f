package io.accesshub.bootstrap.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The span exporter {@code otel.traces.exporter=accesshub-test-memory} names in tests: an in-memory exporter behind the
 * same autoconfigured batch processor (and {@link IdleRunFilter}) as the OTLP exporter in production. Each SDK gets a
 * new one; {@link #latest()} is the one most recently made, and keeps what it got after the SDK shut down.
 */
public final class InMemorySpanExporterProvider implements ConfigurableSpanExporterProvider {

    public static final String NAME = "accesshub-test-memory";
    private static volatile InMemorySpanExporter latest;

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        latest = exporter;
        // the SDK's shutdown must not clear what was exported (InMemorySpanExporter.shutdown does): tests read it after
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return exporter.export(spans);
            }

            @Override
            public CompletableResultCode flush() {
                return exporter.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** The exporter of the SDK built last. */
    public static InMemorySpanExporter latest() {
        InMemorySpanExporter exporter = latest;
        if (exporter == null) {
            throw new IllegalStateException("no SDK has been built with the " + NAME + " exporter");
        }
        return exporter;
    }
}
