package io.accesshub.bootstrap.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Runs one scheduled queue run (webhook inbox, lifecycle outbox, proactive refresh, location provisioning) inside a
 * root span named after the queue, so its database statements and HighLevel calls are children of one trace. The
 * span carries {@value #RUN_KEY} (the queue) and {@value #ITEMS_KEY} (what the run handled); a run that handled
 * nothing is dropped before export ({@link IdleRunFilter}), so an idle hub exports no traces. Without tracing the run
 * is simply called.
 */
@Singleton
public final class QueueRunSpans {

    static final String RUN_KEY = "accesshub.run";
    static final String ITEMS_KEY = "accesshub.run.items";
    /** The queue a run span belongs to; set when the span starts, so samplers and processors can see it. */
    static final AttributeKey<String> RUN = AttributeKey.stringKey(RUN_KEY);
    /** How many items (events, grants, pages) the run handled; absent when the run failed. */
    static final AttributeKey<Long> ITEMS = AttributeKey.longKey(ITEMS_KEY);

    private final Tracer tracer;

    @Inject
    public QueueRunSpans(Optional<Tracer> tracer) {
        this(tracer.orElse(null));
    }

    QueueRunSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs {@code run} (returning how many items it handled) in a span named {@code name}; returns that count. */
    public int run(String name, IntSupplier run) {
        if (tracer == null) {
            return run.getAsInt();
        }
        Span span = tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.INTERNAL)
            .setAttribute(RUN, name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            int items = run.getAsInt();
            span.setAttribute(ITEMS, (long) items);
            return items;
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}
