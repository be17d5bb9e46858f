package io.accesshub.bootstrap.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesshub.adapter.http.security.ApiKeyRegistry;
import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.SimulatorConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated HighLevel and any number of hub instances (application contexts with their own HTTP servers) on the
 * test JVM's one database, sharing one token keyset and one signing keyset: what an end-to-end test needs. Requests
 * go through a browser with a cookie jar ({@link #http}; {@link #newBrowser()} makes another one). Close it after the
 * test.
 */
final class HubHarness implements AutoCloseable {

    static final String API_KEY = "e2e-test-api-key-0001";
    /** A key that may only use the proxy (location tokens only, no company tokens). */
    static final String PROXY_ONLY_KEY = "e2e-test-proxy-key-0001";
    /** A key that may read installations but is no admin (for checks that a permission short of admin is refused). */
    static final String READ_ONLY_KEY = "e2e-test-reader-key-0001";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A hub instance. */
    record Hub(EmbeddedServer server) {
        String url(String path) {
            return "http://127.0.0.1:" + server.getPort() + path;
        }

        <T> T bean(Class<T> type) {
            return server.getApplicationContext().getBean(type);
        }
    }

    /** A response with its parsed JSON body (empty for non-JSON). */
    record Response(int status, String body, Map<String, Object> json, java.net.http.HttpHeaders headers) {
    }

    final GhlSimulator simulator;
    private final String keyset = TinkKeysets.generate();
    private final String signingKeyset = SigningKeysets.generate();
    private final List<Hub> hubs = new ArrayList<>();
    private final int callbackPort;
    /** The browser of the tests: it keeps the hub's install cookie, as a real browser does. */
    final HttpClient http = newBrowser();

    /** A browser of its own: an empty cookie jar, redirects not followed. */
    static HttpClient newBrowser() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HubHarness(SimulatorConfig.Builder simulator) {
        TestDatabase.shared().truncateTables();
        this.callbackPort = freePort();
        this.simulator = GhlSimulator.start(simulator
            .redirectUris(List.of("http://localhost:" + callbackPort + "/oauth/callback")).build());
    }

    /** Starts a hub instance; the first one listens on the port registered as redirect URI. */
    Hub startHub(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.shared().properties());
        SimulatorConfig c = simulator.config();
        properties.put("micronaut.server.port", hubs.isEmpty() ? callbackPort : -1);
        properties.put("micronaut.http.services.highlevel.url", simulator.baseUrl());
        properties.put("micronaut.http.services.highlevel.read-timeout", "2s");
        properties.put("micronaut.http.services.highlevel.connect-timeout", "1s");
        properties.put("accesshub.refresh.completion-allowance", "2s");
        properties.put("accesshub.refresh.lease", "10s");
        properties.put("accesshub.refresh.holder-gone-after", "2s");
        properties.put("accesshub.refresh.wait-for-other-instance", "10s");
        properties.put("accesshub.refresh.scheduler.enabled", "false");
        properties.put("accesshub.provisioning.scheduler.enabled", "false");
        properties.put("accesshub.uninstall.scheduler.enabled", "false");
        properties.put("accesshub.token-encryption.reencryption.enabled", "false");
        properties.put("accesshub.webhooks.processing.enabled", "false");
        properties.put("accesshub.reconciliation.enabled", "false");
        properties.put("accesshub.retention.enabled", "false");
        properties.put("accesshub.lifecycle.dispatch.enabled", "false");
        // Tests move expiries in the database behind the hub's back: read through, no token cache.
        properties.put("accesshub.token-cache.ttl", "0s");
        properties.put("accesshub.token-encryption.keyset", keyset);
        properties.put("accesshub.signing.keyset", signingKeyset);
        properties.put("accesshub.install.state-purge.enabled", "false");
        properties.put("accesshub.api.keys", "e2e:" + ApiKeyRegistry.sha256Hex(API_KEY)
            + ":tokens:read+company-tokens:read+installations:read+admin+proxy:use;proxy-only:"
            + ApiKeyRegistry.sha256Hex(PROXY_ONLY_KEY) + ":proxy:use;e2e-read-only:"
            + ApiKeyRegistry.sha256Hex(READ_ONLY_KEY) + ":installations:read");
        properties.put("accesshub.apps.main.client-id", c.clientId());
        properties.put("accesshub.apps.main.client-secret", c.clientSecret());
        properties.put("accesshub.apps.main.scopes", c.scopeString());
        properties.put("accesshub.apps.main.redirect-uri", "http://localhost:" + callbackPort + "/oauth/callback");
        properties.put("accesshub.apps.main.authorization-url", simulator.baseUrl() + "/v2/oauth/chooselocation");
        properties.put("accesshub.webhooks.ed25519-public-keys", List.of(simulator.webhookKeys().ed25519Pem()));
        properties.put("accesshub.webhooks.rsa-public-keys", List.of(simulator.webhookKeys().rsaPem()));
        properties.putAll(extra);
        Hub hub = new Hub(runBinding(properties));
        hubs.add(hub);
        return hub;
    }

    /**
     * Starts the context; the fixed callback port may still be held for a moment by a hub of the previous test that
     * is closing, so a failed bind is tried again a few times before giving up.
     */
    private static EmbeddedServer runBinding(Map<String, Object> properties) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ApplicationContext.run(EmbeddedServer.class, properties);
            } catch (io.micronaut.http.server.exceptions.ServerStartupException e) {
                boolean bind = false;
                for (Throwable t = e; t != null; t = t.getCause()) {
                    bind |= t instanceof java.net.BindException;
                }
                if (!bind || attempt == 10) {
                    throw e;
                }
                try {
                    Thread.sleep(300); // waiting for a port to be released, not for correctness
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    Hub startHub() {
        return startHub(Map.of());
    }

    /** Runs the browser install through the hub and the simulator's consent; returns the callback's response. */
    Response installThroughBrowser(Hub hub, AuthorizeRequest.Target target, String locationId,
                                   List<String> selected) throws IOException, InterruptedException {
        return completeInstall(hub, consent(hub, target, locationId, selected));
    }

    /**
     * The first half of a browser install: the hub's install link and the simulator's consent (which sends the
     * INSTALL webhooks); returns the callback URL the browser would follow next.
     */
    String consent(Hub hub, AuthorizeRequest.Target target, String locationId, List<String> selected)
            throws IOException, InterruptedException {
        return consent(http, hub.url("/oauth/install"), target, locationId, selected);
    }

    /** The first half of a browser install in {@code browser}, from the install link {@code installUrl}. */
    String consent(HttpClient browser, String installUrl, AuthorizeRequest.Target target, String locationId,
                   List<String> selected) throws IOException, InterruptedException {
        HttpResponse<String> install = browser.send(HttpRequest.newBuilder(URI.create(installUrl)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (install.statusCode() != 302) {
            throw new AssertionError("install link answered " + install.statusCode() + ", not 302 Found");
        }
        String authorization = install.headers().firstValue("Location").orElseThrow();
        return simulator.authorize(AuthorizeRequest.fromAuthorizationUrl(authorization, target, locationId,
            selected, false)).redirectUrl();
    }

    /** The second half: the browser follows the callback URL to the hub. */
    Response completeInstall(Hub hub, String callback) throws IOException, InterruptedException {
        return completeInstall(http, hub, callback);
    }

    /** The second half in {@code browser}: it follows the callback URL to the hub. */
    Response completeInstall(HttpClient browser, Hub hub, String callback) throws IOException, InterruptedException {
        return get(browser, callback.replace("localhost:" + callbackPort, "127.0.0.1:" + hub.server().getPort()), null);
    }

    Response get(String url, String apiKey) throws IOException, InterruptedException {
        return get(http, url, apiKey);
    }

    /** A GET from {@code browser}, with an API key when one is given and any further headers (name, value, …). */
    Response get(HttpClient browser, String url, String apiKey, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = Map.of();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && !response.body().isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(response.body(), Map.class);
            json = parsed;
        }
        return new Response(response.statusCode(), response.body(), json, response.headers());
    }

    /** Sends a request with an optional body and API key and any further headers (name, value, …). */
    Response request(String method, String url, String apiKey, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = Map.of();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && !response.body().isEmpty() && response.body().startsWith("{")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(response.body(), Map.class);
            json = parsed;
        }
        return new Response(response.statusCode(), response.body(), json, response.headers());
    }

    /** Sends a request with an optional JSON body and API key (POST, DELETE, ...). */
    Response send(String method, String url, String apiKey, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = Map.of();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && !response.body().isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(response.body(), Map.class);
            json = parsed;
        }
        return new Response(response.statusCode(), response.body(), json, response.headers());
    }

    /** Reads a location's token through a hub's token API. */
    Response locationToken(Hub hub, String locationId) throws IOException, InterruptedException {
        return get(hub.url("/api/v1/locations/" + locationId + "/access-token"), API_KEY);
    }

    /** Moves every stored access token's expiry into the past (what a day without refreshes would do). */
    void expireAllAccessTokens() {
        sql("UPDATE token_grant SET issued_at = DATE_SUB(issued_at, INTERVAL 2 DAY),"
            + " access_token_expires_at = DATE_ADD(issued_at, INTERVAL 86399 SECOND)");
    }

    void sql(String statement) {
        try (Connection connection = TestDatabase.shared().openConnection();
             Statement s = connection.createStatement()) {
            s.executeUpdate(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the hub has reached its database for at least {@code duration} (its reachability monitor pings
     * every second): a precondition for judging a silent holder gone, not a timing under test.
     */
    void awaitDatabaseReachableFor(Hub hub, Duration duration) throws InterruptedException {
        io.accesshub.application.port.out.DatabaseReachability reachability =
            hub.bean(io.accesshub.application.port.out.DatabaseReachability.class);
        long deadline = System.nanoTime() + duration.plusSeconds(30).toNanos();
        while (reachability.reachableFor().compareTo(duration) < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hub never reached its database for " + duration);
            }
            Thread.sleep(100);
        }
    }

    /** The single number a {@code SELECT COUNT(*)} answers. */
    long count(String query) {
        try (Connection connection = TestDatabase.shared().openConnection();
             Statement s = connection.createStatement();
             java.sql.ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a webhook body signed with the simulator's Ed25519 key to a hub; returns the HTTP status. */
    int deliverSigned(Hub hub, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.url("/webhooks/ghl")))
            .header("Content-Type", "application/json")
            .header("X-GHL-Signature", simulator.ed25519SignatureFor(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Runs a hub's webhook inbox until nothing is due (what the processing scheduler does in the background). */
    void processWebhooks(Hub hub) {
        io.accesshub.application.port.in.ProcessWebhooksUseCase processing =
            hub.bean(io.accesshub.application.port.in.ProcessWebhooksUseCase.class);
        while (processing.processNext()) {
            // drain
        }
    }

    /** Runs a hub's location provisioning queue until it is empty (what the scheduler does in the background). */
    void drainProvisioning(Hub hub) {
        io.accesshub.application.port.in.ProvisionLocationsUseCase provisioning =
            hub.bean(io.accesshub.application.port.in.ProvisionLocationsUseCase.class);
        while (provisioning.provisionNextPage()) {
            // drain
        }
    }

    /** A location grant the simulator issued and a hub stored, with the hub's installation id for it. */
    record SeededLocation(io.accesshub.domain.installation.InstallationId installationId,
                          io.accesshub.simulator.SeededGrant grant) {
        String locationId() {
            return grant.locationId();
        }
    }

    /**
     * Creates {@code count} location grants at the simulator (no consent page, no webhooks) and stores each as an
     * ACTIVE location installation with its grant through a hub's own repositories (which encrypt the tokens and
     * schedule the grant as they do for a code exchange): many installs in a second instead of a browser flow each.
     */
    List<SeededLocation> seedLocations(Hub hub, int count) {
        io.accesshub.application.port.out.InstallationRepository installations =
            hub.bean(io.accesshub.application.port.out.InstallationRepository.class);
        io.accesshub.application.port.out.GrantRepository grants =
            hub.bean(io.accesshub.application.port.out.GrantRepository.class);
        io.accesshub.domain.marketplace.MarketplaceAppId app =
            io.accesshub.domain.marketplace.ClientId.parse(simulator.config().clientId()).appId();
        List<SeededLocation> seeded = new ArrayList<>();
        for (io.accesshub.simulator.SeededGrant g : simulator.seedLocationGrants(count)) {
            io.accesshub.domain.installation.InstallationId id =
                io.accesshub.domain.installation.InstallationId.of(java.util.UUID.randomUUID());
            installations.add(io.accesshub.domain.installation.Installation.create(id,
                    io.accesshub.domain.installation.InstallationKey.forLocation(app,
                        io.accesshub.domain.marketplace.CompanyId.of(g.companyId()),
                        io.accesshub.domain.marketplace.LocationId.of(g.locationId())),
                    io.accesshub.domain.installation.CompanyInstallDetails.none(), g.issuedAt())
                .activate(io.accesshub.domain.installation.StateReason.GRANT_ISSUED, g.issuedAt()));
            grants.add(io.accesshub.domain.grant.Grant.create(id, io.accesshub.domain.grant.GrantSource.DIRECT_INSTALL,
                io.accesshub.domain.grant.IssuedTokens.of(io.accesshub.domain.grant.AccessToken.of(g.accessToken()),
                    g.accessTokenExpiresAt(), io.accesshub.domain.grant.RefreshToken.of(g.refreshToken()),
                    io.accesshub.domain.grant.Scopes.parse(g.scope()), g.issuedAt())));
            seeded.add(new SeededLocation(id, g));
        }
        return seeded;
    }

    /** How many times HighLevel (the simulator) saw this refresh token presented, any outcome but issuance. */
    long presentationsOfRefreshTokenHash(String tokenHash) {
        return simulator.presentations().stream()
            .filter(p -> p.kind() == io.accesshub.simulator.Presentation.Kind.REFRESH_TOKEN && p.isPresentation()
                && p.tokenHash().equals(tokenHash))
            .count();
    }

    /** Runs one pass of a hub's proactive refresh (what its scheduler does every interval); returns grants examined. */
    int refreshDueGrants(Hub hub) {
        return hub.bean(io.accesshub.application.port.in.RefreshDueGrantsUseCase.class).refreshDueGrants();
    }

    /** The installation status of a location, read through the installations API. */
    @SuppressWarnings("unchecked")
    String status(Hub hub, String locationId) throws IOException, InterruptedException {
        Response list = get(hub.url("/api/v1/installations?locationId=" + locationId), API_KEY);
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.json().get("items");
        if (items == null) {
            throw new AssertionError("installations API answered " + list.status() + ": " + list.body());
        }
        return items.isEmpty() ? "NONE" : (String) items.get(0).get("status");
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999): servers that bind port 0 (the simulator, other hubs,
     * databases) are never handed it while this harness holds it only by number.
     */
    private static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Hub hub : hubs) {
            hub.server().getApplicationContext().close();
        }
        simulator.close();
    }
}
