package io.accesshub.bootstrap.tracing;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Drops queue runs that handled nothing, with their spans: the inbox and outbox are polled every second, and an idle
 * poll is not worth a trace. The spans of a run are held until the run span ends (at most {@value #MAX_HELD} per run;
 * past that they go on as they end) and then passed on, or dropped when the run's {@value QueueRunSpans#ITEMS_KEY}
 * is 0 and it did not fail. Every other span goes straight on to the exporting processor.
 */
final class IdleRunFilter implements SpanProcessor {

    static final int MAX_HELD = 2_000;

    private final SpanProcessor next;
    private final ConcurrentMap<String, Held> runs = new ConcurrentHashMap<>();

    IdleRunFilter(SpanProcessor next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /** The ended spans of one run in progress. */
    private static final class Held {
        final String runSpanId;
        final List<ReadableSpan> spans = new ArrayList<>();
        boolean released;

        Held(String runSpanId) {
            this.runSpanId = runSpanId;
        }
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (!span.getParentSpanContext().isValid() && span.getAttribute(QueueRunSpans.RUN) != null) {
            runs.put(span.getSpanContext().getTraceId(), new Held(span.getSpanContext().getSpanId()));
        }
        next.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        String traceId = span.getSpanContext().getTraceId();
        Held held = runs.get(traceId);
        if (held == null) {
            next.onEnd(span);
            return;
        }
        boolean isRun = span.getSpanContext().getSpanId().equals(held.runSpanId);
        List<ReadableSpan> release;
        synchronized (held) {
            if (!held.released && !isRun && held.spans.size() < MAX_HELD) {
                held.spans.add(span);
                return;
            }
            release = held.released ? List.of() : List.copyOf(held.spans);
            held.released = true;
            held.spans.clear();
            runs.remove(traceId, held);
        }
        if (isRun && idle(span)) {
            return;
        }
        release.forEach(next::onEnd);
        next.onEnd(span);
    }

    private static boolean idle(ReadableSpan run) {
        Long items = run.getAttribute(QueueRunSpans.ITEMS);
        return items != null && items == 0 && run.toSpanData().getStatus().getStatusCode() != StatusCode.ERROR;
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return next.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
        runs.clear();
        return next.shutdown();
    }
}
