package io.accesshub.bootstrap.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Objects;

/**
 * Starts traces only at the hub's entry points: an HTTP request (a server span) or a queue run
 * ({@link QueueRunSpans}). A span with no parent of any other kind (a database statement of the start-up migrations,
 * the metrics gauges or a maintenance job, a HighLevel call outside a request) is not recorded; everything else is
 * decided by the configured sampler ({@code OTEL_TRACES_SAMPLER}, parent-based always-on by default).
 */
final class EntryPointSampler implements Sampler {

    private final Sampler configured;

    EntryPointSampler(Sampler configured) {
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        boolean root = !Span.fromContext(parentContext).getSpanContext().isValid();
        if (root && spanKind != SpanKind.SERVER && attributes.get(QueueRunSpans.RUN) == null) {
            return SamplingResult.drop();
        }
        return configured.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "EntryPointSampler{" + configured.getDescription() + "}";
    }
}
