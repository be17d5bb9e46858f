package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.DroppedWebhooks;
import java.util.concurrent.atomic.AtomicLong;

/** Counts dropped webhooks in memory, per instance (ready to be exposed as a metric). */
final class CountingDroppedWebhooks implements DroppedWebhooks {

    private final AtomicLong unknownApp = new AtomicLong();

    @Override
    public void countUnknownApp() {
        unknownApp.incrementAndGet();
    }

    @Override
    public long unknownApp() {
        return unknownApp.get();
    }
}
