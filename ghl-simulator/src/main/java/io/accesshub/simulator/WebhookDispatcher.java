package io.accesshub.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed webhook deliveries one at a time, in queue order, when they are due on the simulated clock; retries
 * only after a 429, {@code webhookRetryInterval} (+ seeded jitter) later in simulated time.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final long IDLE_POLL_MILLIS = 25;

    /** Mutable delivery state, guarded by the dispatcher lock. */
    private static final class Task {
        final long sequence;
        final String webhookId;
        final String type;
        final byte[] body;
        final boolean duplicate;
        final List<Integer> statuses = new ArrayList<>();
        WebhookDelivery.Status status = WebhookDelivery.Status.PENDING;
        Instant dueAt;
        boolean inFlight;

        Task(long sequence, String webhookId, String type, byte[] body, boolean duplicate, Instant dueAt) {
            this.sequence = sequence;
            this.webhookId = webhookId;
            this.type = type;
            this.body = body;
            this.duplicate = duplicate;
            this.dueAt = dueAt;
        }

        WebhookDelivery snapshot() {
            return new WebhookDelivery(sequence, webhookId, type, new String(body, StandardCharsets.UTF_8), status,
                    List.copyOf(statuses), status == WebhookDelivery.Status.PENDING ? dueAt : null, duplicate);
        }
    }

    private final SimulatorConfig config;
    private final SimClock clock;
    private final WebhookSigner signer;
    private final Ids ids;
    private final Supplier<String> webhookUrl;
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Task> all = new ArrayList<>();
    private final List<Task> queue = new ArrayList<>();
    private final Thread worker;
    private long sequence;
    private boolean held;
    private boolean duplicateAll;
    private Duration extraDelay = Duration.ZERO;
    private volatile boolean running = true;

    WebhookDispatcher(SimulatorConfig config, SimClock clock, WebhookSigner signer, Ids ids,
                      Supplier<String> webhookUrl) {
        this.config = config;
        this.clock = clock;
        this.signer = signer;
        this.ids = ids;
        this.webhookUrl = webhookUrl;
        this.http = HttpClient.newBuilder().connectTimeout(config.webhookTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.worker = new Thread(this::run, "ghl-sim-webhooks");
        this.worker.setDaemon(true);
        this.worker.start();
        clock.onAdvance(this::wake);
    }

    /** Queues one event; the body bytes are fixed here and signed as they are. */
    void enqueue(Map<String, Object> payload) {
        byte[] body = Json.bytes(payload);
        String webhookId = String.valueOf(payload.get("webhookId"));
        String type = String.valueOf(payload.get("type"));
        lock.lock();
        try {
            Instant due = clock.instant().plus(extraDelay);
            Task t = new Task(++sequence, webhookId, type, body, false, due);
            all.add(t);
            queue.add(t);
            if (duplicateAll) {
                Task d = new Task(++sequence, webhookId, type, body, true, due);
                all.add(d);
                queue.add(d);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void options(boolean duplicate, Duration delay) {
        lock.lock();
        try {
            duplicateAll = duplicate;
            extraDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        } finally {
            lock.unlock();
        }
    }

    void hold() {
        lock.lock();
        try {
            held = true;
        } finally {
            lock.unlock();
        }
    }

    /** Releases held deliveries, optionally in reverse order of queuing. */
    void release(boolean reverse) {
        lock.lock();
        try {
            if (reverse) {
                List<Task> waiting = new ArrayList<>();
                for (Task t : queue) {
                    if (!t.inFlight) {
                        waiting.add(t);
                    }
                }
                queue.removeAll(waiting);
                Collections.reverse(waiting);
                queue.addAll(waiting);
            }
            held = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<WebhookDelivery> deliveries() {
        lock.lock();
        try {
            return all.stream().map(Task::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (bounded, real time) until nothing is due or in flight; pending retries in the future do not count. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (hasDueWork()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasDueWork() {
        if (held) {
            return queue.stream().anyMatch(t -> t.inFlight);
        }
        Instant now = clock.instant();
        return queue.stream().anyMatch(t -> t.inFlight || !t.dueAt.isAfter(now));
    }

    void reset() {
        lock.lock();
        try {
            all.clear();
            queue.clear();
            held = false;
            duplicateAll = false;
            extraDelay = Duration.ZERO;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            Task task;
            lock.lock();
            try {
                task = nextDue();
                if (task == null) {
                    changed.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    continue;
                }
                task.inFlight = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            int status = send(task);
            lock.lock();
            try {
                task.inFlight = false;
                task.statuses.add(status);
                if (status == 429 && task.statuses.size() <= config.webhookMaxRetries()) {
                    long jitterMs = ids.nextLong(config.webhookRetryJitter().toMillis() + 1);
                    task.dueAt = clock.instant().plus(config.webhookRetryInterval()).plusMillis(jitterMs);
                    queue.remove(task);
                    queue.add(task);
                } else {
                    queue.remove(task);
                    task.status = status >= 200 && status < 300 ? WebhookDelivery.Status.DELIVERED
                            : status == 429 ? WebhookDelivery.Status.EXHAUSTED
                            : status == 0 ? WebhookDelivery.Status.SKIPPED_NO_URL
                            : WebhookDelivery.Status.FAILED;
                    if (status == 0) {
                        task.statuses.remove(task.statuses.size() - 1);
                    }
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private Task nextDue() {
        if (held) {
            return null;
        }
        Instant now = clock.instant();
        for (Task t : queue) {
            if (!t.inFlight && !t.dueAt.isAfter(now)) {
                return t;
            }
        }
        return null;
    }

    /** Returns the HTTP status, -1 on a connection failure, 0 when no URL is set. */
    private int send(Task task) {
        String url = webhookUrl.get();
        if (url == null || url.isBlank()) {
            LOG.info("webhook {} {} skipped: no webhook URL set", task.type, task.webhookId);
            return 0;
        }
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url))
                    .timeout(config.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(task.body));
            if (config.sendEd25519Signature()) {
                rb.header("X-GHL-Signature", signer.signEd25519(task.body));
            }
            if (config.sendRsaSignature()) {
                rb.header("X-WH-Signature", signer.signRsa(task.body));
            }
            HttpResponse<Void> resp = http.send(rb.build(), HttpResponse.BodyHandlers.discarding());
            LOG.debug("webhook {} {} answered {}", task.type, task.webhookId, resp.statusCode());
            return resp.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("webhook {} {} failed: {}", task.type, task.webhookId, e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
