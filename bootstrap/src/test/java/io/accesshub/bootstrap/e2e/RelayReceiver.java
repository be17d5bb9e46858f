package io.accesshub.bootstrap.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber of the hub's event relay, in process: records every request it gets (the three Standard Webhooks
 * headers and the exact body) and answers with the status it is told, or never answers while {@link #hang} is set
 * (until it is closed).
 */
final class RelayReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String id, String timestamp, String signature, byte[] body, int answeredWith) {
        String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean hang;
    private volatile String failMarker;
    private final java.util.concurrent.atomic.AtomicReference<Runnable> beforeNextAnswer =
        new java.util.concurrent.atomic.AtomicReference<>();
    private volatile int failCode;

    RelayReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "relay-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (hang) {
                try {
                    closing.await(); // a subscriber that never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            Runnable hook = beforeNextAnswer.getAndSet(null);
            if (hook != null) {
                hook.run(); // e.g. the hub's database goes down between the send and the answer
            }
            String marker = failMarker;
            int answer = marker != null && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(marker)
                ? failCode : status.get();
            synchronized (received) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, answer));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL subscriptions point at. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answerWith(int code) {
        status.set(code);
    }

    /** Bodies containing {@code marker} are answered {@code code}; null clears it. */
    void answerFor(String marker, int code) {
        failMarker = marker;
        failCode = code;
    }

    /** Runs {@code hook} once, after the next request arrived and before it is answered. */
    void beforeNextAnswer(Runnable hook) {
        beforeNextAnswer.set(hook);
    }

    /** From now on requests get no answer at all (the connection stays open until the receiver is closed). */
    void hang() {
        hang = true;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests answered with a 2xx. */
    List<Received> accepted() {
        return received().stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
