package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.accesshub.bootstrap.Application;
import io.accesshub.bootstrap.tracing.InMemorySpanExporterProvider;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import io.micronaut.tracing.opentelemetry.instrument.http.server.OpenTelemetryServerFilter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Traces end to end: with an OTLP endpoint configured, a token read that refreshes is one trace (the server span, the
 * HighLevel call and the database statements under it), no span carries a token, code, client secret or API key,
 * the spans reach an OTLP receiver, and a JSON log line written inside the request names the trace and span. Without
 * an endpoint nothing of OpenTelemetry is created.
 */
class TracingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_ROUTE = "/api/v1/locations/{locationId}/access-token";
    private static final String DRAIN = "accesshub.webhooks.drain";

    private HubHarness harness;
    private HttpServer receiver;
    private final List<byte[]> otlpBodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aTokenReadThatRefreshesIsOneTraceWithoutSecretsAndItsLogLinesNameIt() throws Exception {
        startReceiver();
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub hub = harness.startHub(Map.of(
            "accesshub.tracing.enabled", "true",
            // the real OTLP exporter to the receiver below, and the in-memory one for the span tree
            "otel.traces.exporter", "otlp," + InMemorySpanExporterProvider.NAME,
            "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort(),
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.bsp.schedule.delay", "100",
            // the inbox worker runs (every 200 ms after its 5 s initial delay): its runs are queue spans
            "accesshub.webhooks.processing.enabled", "true",
            "accesshub.webhooks.processing.interval", "200ms"));
        List<String> secrets = new ArrayList<>(List.of(harness.simulator.config().clientSecret(), HubHarness.API_KEY));

        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of());
        secrets.add((String) harness.locationToken(hub, "sim-loc-0001").json().get("accessToken"));
        harness.expireAllAccessTokens();

        String[] refreshed = new String[1];
        String log = withProductionJsonLogs(() ->
            refreshed[0] = (String) harness.locationToken(hub, "sim-loc-0001").json().get("accessToken"));
        secrets.add(refreshed[0]);
        assertThat(refreshed[0]).startsWith("sim_at_").isNotEqualTo(secrets.get(2));

        // the refreshing read: a server span, the HighLevel token call and database statements beneath it
        List<SpanData> spans = awaitSpans(all -> all.stream().filter(TracingTest::isTokenRead).count() == 2
            && all.stream().anyMatch(s -> isHighLevelTokenCall(s) && readThatMade(all, s).isPresent()));
        SpanData call = spans.stream().filter(s -> isHighLevelTokenCall(s) && readThatMade(spans, s).isPresent())
            .findFirst().orElseThrow();
        SpanData read = readThatMade(spans, call).orElseThrow();
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getAttributes().asMap().keySet().stream().map(Object::toString))
            .contains("url.full", "http.response.status_code");
        assertThat(read.getAttributes().asMap().toString()).contains("url.path=" + TOKEN_ROUTE)
            .doesNotContain("sim-loc-0001");
        List<SpanData> trace = spans.stream().filter(s -> s.getTraceId().equals(read.getTraceId())).toList();
        assertThat(trace).filteredOn(s -> s.getKind() == SpanKind.CLIENT && hasAttributeStartingWith(s, "db."))
            .as("database statements of the refresh").isNotEmpty()
            .allSatisfy(s -> assertThat(descendsFrom(spans, s, read)).isTrue());

        // no span anywhere (install callback included) holds a secret, a code, a query string or a header
        String everything = spans.stream().map(TracingTest::render).collect(Collectors.joining("\n"));
        assertThat(everything).contains("/oauth/callback")
            .doesNotContain("sim_at_").doesNotContain("sim_rt_").doesNotContain("code_")
            .doesNotContain("url.query").doesNotContain("http.request.header").doesNotContain("Bearer");
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(spans).filteredOn(s -> s.getAttributes().asMap().keySet().toString().contains("url.full"))
            .allSatisfy(s -> assertThat(render(s)).doesNotContain("?"));

        // the inbox run that handled the INSTALL webhook is a trace with its statements; idle runs are not exported
        List<SpanData> withRun = awaitSpans(all -> all.stream().anyMatch(TracingTest::isBusyDrain));
        SpanData drain = withRun.stream().filter(TracingTest::isBusyDrain).findFirst().orElseThrow();
        assertThat(drain.getParentSpanContext().isValid()).isFalse();
        assertThat(withRun).filteredOn(s -> s.getParentSpanId().equals(drain.getSpanId()))
            .anySatisfy(s -> assertThat(hasAttributeStartingWith(s, "db.")).isTrue());
        assertThat(withRun).filteredOn(s -> s.getName().equals(DRAIN))
            .allSatisfy(s -> assertThat(s.getAttributes().asMap().toString()).doesNotContain("accesshub.run.items=0"));
        assertThat(hub.bean(OpenTelemetry.class).toString()).contains("EntryPointSampler").contains("IdleRunFilter");

        // the wrapped pool still reports its metrics, the gauges still read the database, and scrapes start no trace
        String scrape = harness.get(hub.url("/metrics"), HubHarness.API_KEY).body();
        assertThat(scrape).contains("hikaricp_connections_active{pool=\"accesshub\"}")
            .contains("accesshub_webhooks_inbox_depth ");
        // spans are exported in the order they end: once a later request's span is out, the scrape's would be too
        harness.get(hub.url("/api/v1/installations"), HubHarness.API_KEY);
        assertThat(awaitSpans(all -> all.stream().anyMatch(s -> s.getName().equals("GET /api/v1/installations"))))
            .noneSatisfy(s -> assertThat(s.getName()).contains("/metrics"));

        // the same spans went out over OTLP, without the secrets
        awaitOtlp(bodies -> bodies.contains(TOKEN_ROUTE) && bodies.contains("/oauth/token")
            && bodies.contains(read.getName()));
        for (byte[] raw : otlpBodies) {
            String body = new String(raw, StandardCharsets.ISO_8859_1);
            assertThat(body).doesNotContain("sim_at_").doesNotContain("sim_rt_").doesNotContain("code_");
            for (String secret : secrets) {
                assertThat(body).doesNotContain(secret);
            }
        }

        // the production JSON log line of the HighLevel call names the read's trace and one of its spans
        JsonNode line = jsonLines(log).stream()
            .filter(l -> l.path("formattedMessage").asText().startsWith("HighLevel POST /oauth/token answered"))
            .findFirst().orElseThrow(() -> new AssertionError("no JSON log line of the refresh in:\n" + log));
        assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(read.getTraceId());
        assertThat(trace.stream().map(SpanData::getSpanId)).contains(line.path("mdc").path("span_id").asText());
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void spansStillQueuedWhenTheHubStopsAreExported() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub hub = harness.startHub(Map.of(
            "accesshub.tracing.enabled", "true",
            "otel.traces.exporter", InMemorySpanExporterProvider.NAME,
            // nothing is exported on schedule during the test: only the shutdown can send the span
            "otel.bsp.schedule.delay", "600000"));
        assertThat(harness.get(hub.url("/api/v1/installations"), HubHarness.API_KEY).status()).isEqualTo(200);
        assertThat(InMemorySpanExporterProvider.latest().getFinishedSpanItems()).isEmpty();

        harness.close();
        harness = null;

        assertThat(InMemorySpanExporterProvider.latest().getFinishedSpanItems()).extracting(SpanData::getName)
            .contains("GET /api/v1/installations");
    }

    @Test
    void withoutAnEndpointNothingIsTraced() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub hub = harness.startHub();
        var context = hub.server().getApplicationContext();
        assertThat(context.containsBean(OpenTelemetry.class)).isFalse();
        assertThat(context.containsBean(OpenTelemetryServerFilter.class)).isFalse();
        assertThat(context.getBean(DataSource.class).getClass().getName()).doesNotContain("OpenTelemetry");
        // and a JSON log line carries no trace fields
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of());
        harness.expireAllAccessTokens();
        String log = withProductionJsonLogs(() -> harness.locationToken(hub, "sim-loc-0001"));
        List<JsonNode> lines = jsonLines(log);
        assertThat(lines).isNotEmpty().noneSatisfy(l -> assertThat(l.path("mdc").has("trace_id")).isTrue());
    }

    private static boolean isTokenRead(SpanData span) {
        return span.getKind() == SpanKind.SERVER && TOKEN_ROUTE.equals(span.getAttributes().asMap().entrySet()
            .stream().filter(e -> e.getKey().getKey().equals("http.route")).map(e -> String.valueOf(e.getValue()))
            .findFirst().orElse(null));
    }

    private static boolean isBusyDrain(SpanData span) {
        Long items = span.getAttributes().asMap().entrySet().stream()
            .filter(e -> e.getKey().getKey().equals("accesshub.run.items")).map(e -> (Long) e.getValue())
            .findFirst().orElse(0L);
        return span.getName().equals(DRAIN) && items > 0;
    }

    private static boolean isHighLevelTokenCall(SpanData span) {
        return span.getKind() == SpanKind.CLIENT && render(span).contains("/oauth/token");
    }

    /** The token-read server span {@code span} descends from, if any. */
    private static Optional<SpanData> readThatMade(List<SpanData> spans, SpanData span) {
        return spans.stream().filter(TracingTest::isTokenRead).filter(read -> descendsFrom(spans, span, read))
            .findFirst();
    }

    private static boolean descendsFrom(List<SpanData> spans, SpanData span, SpanData ancestor) {
        Map<String, SpanData> byId = spans.stream().filter(s -> s.getTraceId().equals(ancestor.getTraceId()))
            .collect(Collectors.toMap(SpanData::getSpanId, s -> s, (a, b) -> a));
        for (SpanData at = span; at != null; at = byId.get(at.getParentSpanId())) {
            if (at != span && at.getSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAttributeStartingWith(SpanData span, String prefix) {
        return span.getAttributes().asMap().keySet().stream().anyMatch(k -> k.getKey().startsWith(prefix));
    }

    /** A span as text: name, attributes, status and events with their attributes. */
    private static String render(SpanData span) {
        StringBuilder text = new StringBuilder(span.getName()).append(' ').append(span.getAttributes().asMap())
            .append(' ').append(span.getStatus());
        for (EventData event : span.getEvents()) {
            text.append(' ').append(event.getName()).append(event.getAttributes().asMap());
        }
        return text.toString();
    }

    private static List<SpanData> awaitSpans(Predicate<List<SpanData>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<SpanData> spans = List.of();
        while (System.nanoTime() < deadline) {
            spans = List.copyOf(InMemorySpanExporterProvider.latest().getFinishedSpanItems());
            if (done.test(spans)) {
                return spans;
            }
            Thread.sleep(50); // polling the exporter's batches, not waiting for correctness
        }
        throw new AssertionError("expected spans were not exported within 15 s; got:\n"
            + spans.stream().map(TracingTest::render).collect(Collectors.joining("\n")));
    }

    /** Waits until what the receiver got, all requests' bodies together, passes {@code done}. */
    private void awaitOtlp(Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.test(otlpBodies.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
                    .collect(Collectors.joining("\n")))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the OTLP receiver got no such export within 15 s (" + otlpBodies.size()
            + " requests)");
    }

    private void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            otlpBodies.add(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    private static List<JsonNode> jsonLines(String log) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (java.io.IOException e) {
                    throw new AssertionError("not a JSON log line: " + line, e);
                }
            }
        }
        return lines;
    }

    /** A step that may throw. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} with the hub's production logging ({@code logback.xml}, {@code ACCESSHUB_LOG_FORMAT=json},
     * INFO) writing to a captured standard output, then restores the tests' logging; returns what was written.
     */
    private static String withProductionJsonLogs(Step step) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("ACCESSHUB_LOG_FORMAT", "json");
        // an operator command run earlier in this JVM (KeysetCommandsTest) points logback.xml at standard error
        String target = System.setProperty("accesshub.log.target", "System.out");
        try {
            configure(context, Application.class.getResource("/logback.xml"));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            step.run();
        } finally {
            System.setOut(original);
            System.clearProperty("ACCESSHUB_LOG_FORMAT");
            if (target == null) {
                System.clearProperty("accesshub.log.target");
            } else {
                System.setProperty("accesshub.log.target", target);
            }
            configure(context, TracingTest.class.getResource("/logback-test.xml"));
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void configure(LoggerContext context, URL configuration) throws JoranException {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(configuration);
    }
}
