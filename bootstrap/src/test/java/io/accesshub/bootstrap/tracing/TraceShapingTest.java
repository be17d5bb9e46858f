package io.accesshub.bootstrap.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which spans the hub keeps: entry points only, idle queue runs dropped with their spans; and the switch. */
class TraceShapingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
        .setSampler(new EntryPointSampler(Sampler.parentBased(Sampler.alwaysOn())))
        .addSpanProcessor(new IdleRunFilter(SimpleSpanProcessor.create(exported)))
        .build();
    private final Tracer tracer = provider.get("test");
    private final QueueRunSpans runs = new QueueRunSpans(tracer);

    @AfterEach
    void close() {
        provider.close();
    }

    private List<String> exportedNames() {
        return exported.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }

    private int statement(int items) {
        tracer.spanBuilder("SELECT webhook_inbox").setSpanKind(SpanKind.CLIENT).startSpan().end();
        return items;
    }

    @Test
    void aRunThatHandledNothingIsDroppedWithItsSpans() {
        assertThat(runs.run("accesshub.webhooks.drain", () -> statement(0))).isZero();

        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aRunThatHandledItemsIsExportedWithItsSpansAsOneTrace() {
        assertThat(runs.run("accesshub.webhooks.drain", () -> statement(2))).isEqualTo(2);

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(exportedNames()).containsExactly("SELECT webhook_inbox", "accesshub.webhooks.drain");
        SpanData run = spans.get(1);
        assertThat(run.getAttributes().get(QueueRunSpans.ITEMS)).isEqualTo(2L);
        assertThat(run.getAttributes().get(QueueRunSpans.RUN)).isEqualTo("accesshub.webhooks.drain");
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(spans.get(0).getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(spans.get(0).getTraceId()).isEqualTo(run.getTraceId());
    }

    @Test
    void aFailedRunIsExported() {
        assertThatThrownBy(() -> runs.run("accesshub.lifecycle.dispatch", () -> {
            statement(0);
            throw new IllegalStateException("listener down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(exportedNames()).containsExactly("SELECT webhook_inbox", "accesshub.lifecycle.dispatch");
    }

    @Test
    void aLongRunStopsBeingHeldAndIsExportedWhole() {
        runs.run("accesshub.refresh.due-grants", () -> {
            for (int i = 0; i <= IdleRunFilter.MAX_HELD; i++) {
                statement(0);
            }
            return 1;
        });

        assertThat(exported.getFinishedSpanItems()).hasSize(IdleRunFilter.MAX_HELD + 2);
    }

    @Test
    void onlyRequestsAndQueueRunsStartTraces() {
        tracer.spanBuilder("SELECT installation").setSpanKind(SpanKind.CLIENT).startSpan().end();
        tracer.spanBuilder("HikariDataSource.getConnection").startSpan().end();
        assertThat(exported.getFinishedSpanItems()).isEmpty();

        Span request = tracer.spanBuilder("GET /api/v1/locations/{locationId}/access-token")
            .setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            tracer.spanBuilder("POST").setSpanKind(SpanKind.CLIENT).startSpan().end();
        } finally {
            request.end();
        }
        assertThat(exportedNames()).containsExactly("POST", "GET /api/v1/locations/{locationId}/access-token");
    }

    @Test
    void withoutTracingARunIsJustCalled() {
        assertThat(new QueueRunSpans(Optional.empty()).run("accesshub.webhooks.drain", () -> 3)).isEqualTo(3);
    }

    @Test
    void anEndpointTurnsTracingOnUnlessTheSwitchIsSet() {
        assertThat(TracingSwitch.decide(Optional.empty(), true)).isEqualTo(Map.of(TracingSwitch.ENABLED, "true"));
        assertThat(TracingSwitch.decide(Optional.empty(), false)).isEmpty();
        // an explicit ACCESSHUB_TRACING_ENABLED (true or false) is read by Micronaut as it is
        assertThat(TracingSwitch.decide(Optional.of("false"), true)).isEmpty();
        assertThat(TracingSwitch.decide(Optional.of("true"), false)).isEmpty();
    }

    @Test
    void outboundUrlsLoseQueryAndUserInfo() {
        assertThat(HttpSpanAttributes.withoutQuery(URI.create(
            "https://user:pw@services.leadconnectorhq.com:443/oauth/installedLocations?companyId=c1&appId=a#x")))
            .isEqualTo("https://services.leadconnectorhq.com:443/oauth/installedLocations");
        assertThat(HttpSpanAttributes.withoutQuery(URI.create("/oauth/token?code=abc"))).isEqualTo("/oauth/token");
    }
}
