package io.accesshub.adapter.ghl;

import io.accesshub.application.port.out.HighLevelApi;
import io.accesshub.application.port.out.HubMetrics;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product calls to HighLevel's API on the shared {@code highlevel} client (its read timeout bounds every call): sent
 * once, answered with whatever HighLevel said, 4xx and 5xx included. Logs carry the method, the path's first segment,
 * the status and HighLevel's trace id, never the token, query or body.
 */
@Singleton
public final class HighLevelApiClient implements HighLevelApi {

    private static final Logger LOG = LoggerFactory.getLogger(HighLevelApiClient.class);
    /** What metrics name every product call by: paths are the caller's choice and would explode the label. */
    private static final String METRIC_ENDPOINT = "/api";

    private final HttpClient http;
    private final HubMetrics metrics;

    /** {@code metrics} is absent where nothing observes the hub (the adapter's own tests). */
    public HighLevelApiClient(@Client(id = "highlevel") HttpClient http, Optional<HubMetrics> metrics) {
        this.http = http;
        this.metrics = metrics.orElse(HubMetrics.NOOP);
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        String endpoint = "/" + request.path().firstSegment();
        String uri = "/" + request.path().encoded() + request.rawQuery().filter(q -> !q.isEmpty()).map(q -> "?" + q)
            .orElse("");
        MutableHttpRequest<Object> outgoing = HttpRequest.create(HttpMethod.parse(request.method()), uri);
        request.headers().forEach((name, values) -> values.forEach(value -> outgoing.getHeaders().add(name, value)));
        outgoing.bearerAuth(request.bearer().value());
        if (request.body().length > 0) {
            outgoing.body(request.body());
        }
        try {
            HttpResponse<byte[]> response = http.toBlocking().exchange(outgoing, byte[].class);
            return answered(request, endpoint, response.code(), response.getHeaders(),
                response.getBody().orElse(new byte[0]));
        } catch (HttpClientResponseException e) {
            return answered(request, endpoint, e.getStatus().getCode(), e.getResponse().getHeaders(),
                e.getResponse().getBody(byte[].class).orElse(new byte[0]));
        } catch (ReadTimeoutException e) {
            metrics.highLevelCall(request.app(), METRIC_ENDPOINT, "timeout");
            LOG.warn("HighLevel {} {} timed out after the request was sent", request.method(), endpoint);
            return new NoAnswer(true, "read timeout");
        } catch (HttpClientException e) {
            boolean connectFailure = ConnectFailures.isConnectFailure(e);
            metrics.highLevelCall(request.app(), METRIC_ENDPOINT, connectFailure ? "connect_failed" : "no_answer");
            LOG.warn("HighLevel {} {} got no answer: {}", request.method(), endpoint, e.getClass().getSimpleName());
            return new NoAnswer(!connectFailure, e.getClass().getSimpleName());
        }
    }

    private Answered answered(ApiRequest request, String endpoint, int status, HttpHeaders headers, byte[] body) {
        metrics.highLevelCall(request.app(), METRIC_ENDPOINT, String.valueOf(status));
        LOG.info("HighLevel {} {} answered {} (traceId {})", request.method(), endpoint, status,
            headers.get("traceid") == null ? "-" : headers.get("traceid"));
        Map<String, List<String>> copied = new LinkedHashMap<>();
        headers.forEach((name, values) -> copied.computeIfAbsent(name.toLowerCase(Locale.ROOT),
            n -> new ArrayList<>()).addAll(values));
        return new Answered(status, copied, body, RateLimitHeaders.signal(status, headers));
    }
}
