package io.accesshub.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain JDK HTTP client for the simulator's tests. */
final class SimulatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, Map<String, Object> body, java.net.http.HttpHeaders headers) {
    }

    private final GhlSimulator simulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    SimulatorClient(GhlSimulator simulator) {
        this.simulator = simulator;
    }

    Response postForm(String path, Map<String, String> form, String bearer) throws IOException, InterruptedException {
        String encoded = form.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encoded));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer).header("Version", GhlSimulator.API_VERSION);
        }
        return send(b.build());
    }

    Response postJson(String path, String json, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer).header("Version", GhlSimulator.API_VERSION);
        }
        return send(b.build());
    }

    Response get(String path, String bearer, boolean withVersion) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
            .timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (withVersion) {
            b.header("Version", GhlSimulator.API_VERSION);
        }
        return send(b.build());
    }

    @SuppressWarnings("unchecked")
    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = response.body().isEmpty() ? new LinkedHashMap<>()
            : JSON.readValue(response.body(), Map.class);
        return new Response(response.statusCode(), body, response.headers());
    }

    Response exchangeCode(String code) throws IOException, InterruptedException {
        SimulatorConfig c = simulator.config();
        return postForm("/oauth/token", Map.of("client_id", c.clientId(), "client_secret", c.clientSecret(),
            "grant_type", "authorization_code", "code", code), null);
    }

    Response refresh(String refreshToken) throws IOException, InterruptedException {
        SimulatorConfig c = simulator.config();
        return postForm("/oauth/token", Map.of("client_id", c.clientId(), "client_secret", c.clientSecret(),
            "grant_type", "refresh_token", "refresh_token", refreshToken), null);
    }

    /** Installs the app on one location headlessly and exchanges the code. */
    Response installLocation(String locationId) throws IOException, InterruptedException {
        SimulatorConfig c = simulator.config();
        AuthorizeResult result = simulator.authorize(AuthorizeRequest.forLocation(c.clientId(),
            c.redirectUris().get(0), c.scopeString(), locationId));
        return exchangeCode(result.code());
    }
}
