package io.accesshub.adapter.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.accesshub.domain.relay.AttemptResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's sender against a real local server: status codes, headers, no redirects, fixed error names. */
class RelayHttpTransportTest {

    private HttpServer server;
    private final AtomicInteger redirectedHits = new AtomicInteger();
    private final AtomicReference<String> seenSignature = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final RelayHttpTransport transport = new RelayHttpTransport(Duration.ofSeconds(2),
        Duration.ofMillis(500));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            seenSignature.set(exchange.getRequestHeaders().getFirst("webhook-signature"));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/fail", exchange -> {
            byte[] page = "<html>upstream error with details</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/internal");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/internal", exchange -> {
            redirectedHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/silent", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        transport.close();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private AttemptResult post(String path) {
        return transport.send("http://127.0.0.1:" + port() + path, Map.of("webhook-id", "msg_1",
            "webhook-signature", "v1,abc", "Content-Type", "application/json"),
            "{\"type\":\"installation.installed\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTwoHundredAnswerIsDeliveredWithTheHeadersAndTheExactBody() {
        AttemptResult result = post("/ok");
        assertThat(result.answerCode()).contains(204);
        assertThat(result.delivered()).isTrue();
        assertThat(seenSignature.get()).isEqualTo("v1,abc");
        assertThat(seenBody.get()).isEqualTo("{\"type\":\"installation.installed\"}");
    }

    @Test
    void anErrorAnswerKeepsOnlyItsStatusCode() {
        AttemptResult result = post("/fail");
        assertThat(result.answerCode()).contains(502);
        assertThat(result.error()).isEmpty();
    }

    @Test
    void aRedirectIsNeverFollowed() {
        AttemptResult result = post("/moved");
        assertThat(result.answerCode()).contains(307);
        assertThat(result.delivered()).isFalse();
        assertThat(redirectedHits.get()).isZero();
    }

    @Test
    void aSubscriberThatNeverAnswersTimesOutWithAFixedName() {
        AttemptResult result = post("/silent");
        assertThat(result.error()).contains("timeout");
        assertThat(result.latency()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aClosedPortIsRefusedWithAFixedName() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        AttemptResult result = transport.send("http://127.0.0.1:" + closed + "/hook", Map.of(), new byte[0]);
        assertThat(result.error()).contains("connection_refused");
    }

    @Test
    void hostsResolveThroughTheJvmAndUnknownOnesToNothing() {
        assertThat(transport.resolve("127.0.0.1")).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.1");
        assertThat(transport.resolve("[::1]")).hasSize(1);
        assertThat(transport.resolve("no-such-host.invalid")).isEmpty();
    }
}
