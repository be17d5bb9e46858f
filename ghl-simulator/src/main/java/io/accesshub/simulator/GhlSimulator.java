package io.accesshub.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake HighLevel marketplace on the JDK HTTP server: the authorization page, {@code /oauth/token},
 * {@code /oauth/locationToken}, {@code /oauth/installedLocations}, developer uninstall, a sample protected API, rate
 * limits, signed webhooks, fault injection and a control API under {@code /_sim}. Start it in-process with
 * {@link #start(SimulatorConfig)} (port 0 picks a free port) and close it when done.
 */
public final class GhlSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GhlSimulator.class);
    /** The {@code Version} header value HighLevel's v2 API expects. */
    public static final String API_VERSION = "2021-07-28";

    static {
        // The JDK server otherwise waits on Nagle + delayed ACK: ~40 ms per small response.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorConfig config;
    private final SimClock clock;
    private final List<ApiRequestSeen> apiRequests = new ArrayList<>();
    private final Ids ids;
    private final RateLimiter rateLimiter;
    /** Contacts per location id, by contact id, for the sample contacts API. */
    private final Map<String, Map<String, Map<String, Object>>> contacts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger contactIds = new AtomicInteger();
    private final FaultRegistry faults = new FaultRegistry();
    private final WebhookSigner signer;
    private final WebhookDispatcher webhooks;
    private final Marketplace marketplace;
    private final AtomicReference<String> webhookUrl;
    private final AtomicReference<String> clientSecret;
    private final HttpServer server;
    private final ExecutorService executor;

    private GhlSimulator(SimulatorConfig config, WebhookKeyPairs webhookKeyPairs) throws IOException {
        this.config = config;
        this.clock = new SimClock(config.clockMode(), config.startInstant());
        this.ids = new Ids(config.seed());
        this.rateLimiter = new RateLimiter(config.rateLimitPerWindow(), config.rateLimitWindow(),
            config.dailyLimit());
        this.signer = webhookKeyPairs == null ? new WebhookSigner(config.seed(), config.rsaKeySize())
            : new WebhookSigner(webhookKeyPairs);
        this.webhookUrl = new AtomicReference<>(config.webhookUrl());
        this.clientSecret = new AtomicReference<>(config.clientSecret());
        this.webhooks = new WebhookDispatcher(config, clock, signer, ids, webhookUrl::get);
        this.marketplace = new Marketplace(config, clock, ids, webhooks::enqueue);
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.serverThreads(), config.serverThreads(), 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "ghl-sim-http-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a simulator with this configuration; its webhook keys derive from the configuration's seed. */
    public static GhlSimulator start(SimulatorConfig config) {
        return start(config, null);
    }

    /**
     * Starts a simulator signing webhooks with the given key pairs (for example random ones kept per data directory)
     * instead of pairs derived from the seed; {@code null} means derived from the seed.
     */
    public static GhlSimulator start(SimulatorConfig config, WebhookKeyPairs webhookKeyPairs) {
        try {
            GhlSimulator simulator = new GhlSimulator(Objects.requireNonNull(config, "config"), webhookKeyPairs);
            LOG.info("HighLevel simulator listening on {}", simulator.baseUrl());
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the HighLevel simulator on port " + config.port(), e);
        }
    }

    // ================================================================ Java API

    /** Base URL of the API, the authorization page and the control API, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + server.getAddress().getPort();
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The configuration it runs with. */
    public SimulatorConfig config() {
        return config;
    }

    /** The simulated clock (advance it to expire tokens and to make webhook retries due). */
    public SimClock clock() {
        return clock;
    }

    /** Approves an authorization headlessly, as a user on the consent page would. */
    public AuthorizeResult authorize(AuthorizeRequest request) {
        return marketplace.authorize(request);
    }

    /** Every token and code issued or presented since start or reset. */
    public List<Presentation> presentations() {
        return marketplace.presentations();
    }

    /** How many times this refresh token was presented to {@code /oauth/token} (any outcome). */
    public long presentationsOfRefreshToken(String refreshToken) {
        String hash = hash(refreshToken);
        return presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.isPresentation() && p.tokenHash().equals(hash))
            .count();
    }

    /** Aggregates of the presentation log: refresh presentations per resource and per outcome. */
    public PresentationSummary presentationSummary() {
        return marketplace.presentationSummary();
    }

    /**
     * Creates {@code count} (1..10,000) new locations with the app installed and a location grant each, without
     * the consent page, code exchange or webhooks; for load tests (see {@link SeededGrant}).
     */
    public List<SeededGrant> seedLocationGrants(int count) {
        return marketplace.seedLocationGrants(count);
    }

    /** Instants (simulated clock) of every call HighLevel accepted for a resource (location or company id). */
    public List<Instant> acceptedCalls(String resourceId) {
        return rateLimiter.accepted(config.appId() + "/" + resourceId);
    }

    /**
     * The most calls HighLevel accepted for a resource within any sliding window of {@code window} (any interval
     * shorter than it), from the recorded call instants.
     */
    public int maxCallsInAnySlidingWindow(String resourceId, Duration window) {
        return RateLimiter.mostWithin(acceptedCalls(resourceId), window);
    }

    /** 429 answers served for a resource. */
    public long tooManyRequests(String resourceId) {
        return rateLimiter.tooMany(config.appId() + "/" + resourceId);
    }

    /** What clients did that HighLevel punishes. */
    public InvariantReport invariants() {
        return marketplace.report(rateLimiter.tooMany(), rateLimiter.maxByResource());
    }

    /** Adds a fault. */
    public void inject(Fault fault) {
        faults.add(fault);
    }

    /** Removes every fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** The active faults. */
    public List<Fault> faults() {
        return faults.active();
    }

    /**
     * Changes the client secret the app expects, as a developer regenerating it in the marketplace would: from now on
     * {@code /oauth/token} (code exchange and refresh) answers {@code 401 invalid_client} to the old secret, without
     * spending the code or refresh token it carried. {@link #restoreClientSecret()} and {@link #reset()} go back to the
     * configured secret.
     */
    public void rotateClientSecret(String newSecret) {
        if (newSecret == null || newSecret.isBlank()) {
            throw new IllegalArgumentException("the client secret must not be blank");
        }
        clientSecret.set(newSecret);
    }

    /** Expects the configured client secret ({@link SimulatorConfig#clientSecret()}) again. */
    public void restoreClientSecret() {
        clientSecret.set(config.clientSecret());
    }

    /** The client secret {@code /oauth/token} accepts now (the configured one unless rotated). */
    public String clientSecret() {
        return clientSecret.get();
    }

    /**
     * A custom page's SSO payload for this user context, as HighLevel answers {@code REQUEST_USER_DATA}: the JSON of
     * {@code context} encrypted with the app's shared secret ({@link SimulatorConfig#ssoSecret()}) the CryptoJS way
     * (base64 of {@code Salted__} + salt + AES-256-CBC, key and IV from EVP_BytesToKey with MD5). A fresh random salt
     * each time, as CryptoJS does.
     */
    public String ssoPayload(Map<String, ?> context) {
        return SsoPayloadSealer.seal(config.ssoSecret(), Json.bytes(context));
    }

    /** Disables (billing paused) or reactivates a location. */
    public void setLocationActive(String locationId, boolean active) {
        marketplace.setLocationActive(locationId, active);
    }

    /** Revokes the grants of a location, or of the agency when {@code locationId} is null. */
    public int revokeGrants(String companyId, String locationId) {
        return marketplace.revoke(companyId, locationId);
    }

    /**
     * HighLevel stops accepting the access tokens issued so far for a location or company (401 "Invalid JWT"), while
     * their refresh tokens keep working. Returns how many tokens it dropped.
     */
    public int rejectAccessTokens(String resourceId) {
        return marketplace.rejectAccessTokens(resourceId);
    }

    /** The sample API requests received so far (method, path, raw query, headers with lower-case names), oldest first. */
    public List<ApiRequestSeen> apiRequests() {
        synchronized (apiRequests) {
            return List.copyOf(apiRequests);
        }
    }

    /** One request to the sample API as the simulator received it. */
    public record ApiRequestSeen(String method, String path, String rawQuery, Map<String, List<String>> headers) {
    }

    /** Whether the app is installed at this location (what {@code installedLocations} reports). */
    public boolean isInstalled(String locationId) {
        return marketplace.isInstalled(locationId);
    }

    /** Whether the app is installed for the agency itself (an agency install not yet removed). */
    public boolean isCompanyInstalled() {
        return marketplace.isCompanyInstalled();
    }

    /** A user uninstalls the app from a location ({@code locationId}) or from the whole agency. */
    public void uninstall(String companyId, String locationId) {
        ApiResult result = marketplace.uninstall(companyId, locationId);
        if (result.status() != 200) {
            throw new IllegalArgumentException(String.valueOf(((Map<?, ?>) result.body()).get("message")));
        }
    }

    /** Creates a location in the agency (LocationCreate webhook, INSTALL when installed to future locations). */
    public String createLocation(String name) {
        return marketplace.createLocation(name);
    }

    /** Sends a PLAN_CHANGE webhook for a location. */
    public void changePlan(String locationId, String newPlanId) {
        marketplace.planChange(locationId, newPlanId);
    }

    /** The webhook signing public keys. */
    public WebhookKeys webhookKeys() {
        return signer.keys();
    }

    /** {@code X-GHL-Signature} (Ed25519, base64) HighLevel would send for these exact bytes. */
    public String ed25519SignatureFor(byte[] body) {
        return signer.signEd25519(body);
    }

    /** {@code X-WH-Signature} (RSA-SHA256, base64) HighLevel would send for these exact bytes. */
    public String rsaSignatureFor(byte[] body) {
        return signer.signRsa(body);
    }

    /** Sets (or clears, with null) the URL webhooks are delivered to. */
    public void setWebhookUrl(String url) {
        webhookUrl.set(url);
        webhooks.wake();
    }

    /** Every webhook delivery so far. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Duplicate every following delivery and/or delay it (simulated time). */
    public void webhookOptions(boolean duplicate, Duration delay) {
        webhooks.options(duplicate, delay);
    }

    /** Holds deliveries until {@link #releaseWebhooks(boolean)}. */
    public void holdWebhooks() {
        webhooks.hold();
    }

    /** Releases held deliveries, optionally in reverse order (out-of-order delivery). */
    public void releaseWebhooks(boolean reverse) {
        webhooks.release(reverse);
    }

    /** Waits (bounded, real time) until no delivery is due or in flight. */
    public boolean awaitWebhooks(Duration timeout) {
        try {
            return webhooks.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Forgets every install, token, log entry, fault and delivery; the clock goes back to its start. */
    public void reset() {
        faults.clear();
        restoreClientSecret();
        rateLimiter.reset();
        contacts.clear();
        synchronized (apiRequests) {
            apiRequests.clear();
        }
        webhooks.reset();
        ids.reset();
        marketplace.reset();
        clock.resetOffset(config.startInstant());
    }

    /** SHA-256 (hex) of a token or code, as the presentation log records it. */
    public static String hash(String value) {
        return Ids.sha256(value);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        webhooks.close();
    }

    // ================================================================ HTTP

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/_sim/")) {
                control(exchange, method, path);
                return;
            }
            String endpoint = method + " " + normalise(path);
            marketplace.countRequest(endpoint);
            if (!path.startsWith("/oauth/") && !path.startsWith("/v2/oauth/") && !path.startsWith("/marketplace/")) {
                remember(exchange, method, path);
            }
            if (method.equals("GET") && (path.equals("/v2/oauth/chooselocation") || path.equals("/oauth/chooselocation"))) {
                consentPage(exchange);
            } else if (method.equals("POST") && path.equals("/oauth/chooselocation/approve")) {
                approve(exchange);
            } else if (method.equals("POST") && path.equals("/oauth/token")) {
                withFaults(exchange, FaultEndpoint.TOKEN, () -> token(exchange));
            } else if (method.equals("POST") && path.equals("/oauth/locationToken")) {
                withFaults(exchange, FaultEndpoint.LOCATION_TOKEN, () -> locationToken(exchange));
            } else if (method.equals("GET") && path.equals("/oauth/installedLocations")) {
                withFaults(exchange, FaultEndpoint.INSTALLED_LOCATIONS, () -> installedLocations(exchange));
            } else if (method.equals("DELETE") && path.startsWith("/marketplace/app/") && path.endsWith("/installations")) {
                withFaults(exchange, FaultEndpoint.UNINSTALL, () -> developerUninstall(exchange, path));
            } else if (method.equals("GET") && path.startsWith("/locations/")) {
                withFaults(exchange, FaultEndpoint.SAMPLE_API, () -> sampleLocation(exchange, path));
            } else if (method.equals("GET") && (path.equals("/contacts/") || path.equals("/contacts"))) {
                withFaults(exchange, FaultEndpoint.SAMPLE_API, () -> sampleContacts(exchange));
            } else if (method.equals("POST") && (path.equals("/contacts/") || path.equals("/contacts"))) {
                withFaults(exchange, FaultEndpoint.SAMPLE_API, () -> createContact(exchange));
            } else if (method.equals("GET") && path.startsWith("/contacts/")) {
                withFaults(exchange, FaultEndpoint.SAMPLE_API, () -> getContact(exchange,
                    path.substring("/contacts/".length())));
            } else {
                send(exchange, ApiResult.error(404, "Cannot " + method + " " + path));
            }
        } catch (IOException e) {
            LOG.debug("simulator exchange failed: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("simulator request failed", e);
        } finally {
            exchange.close();
        }
    }

    /** Keeps the last 10,000 sample API requests for tests that check what reached HighLevel. */
    private void remember(HttpExchange exchange, String method, String path) {
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
            List.copyOf(values)));
        synchronized (apiRequests) {
            if (apiRequests.size() >= 10_000) {
                apiRequests.remove(0);
            }
            apiRequests.add(new ApiRequestSeen(method, path, exchange.getRequestURI().getRawQuery(), headers));
        }
    }

    private static String normalise(String path) {
        if (path.startsWith("/locations/")) {
            return "/locations/{id}";
        }
        if (path.startsWith("/contacts/") && path.length() > "/contacts/".length()) {
            return "/contacts/{id}";
        }
        if (path.startsWith("/marketplace/app/")) {
            return "/marketplace/app/{appId}/installations";
        }
        return path;
    }

    @FunctionalInterface
    private interface Handler {
        ApiResult handle() throws IOException;
    }

    private void withFaults(HttpExchange exchange, FaultEndpoint endpoint, Handler handler) throws IOException {
        Fault fault = faults.take(endpoint);
        if (fault != null) {
            switch (fault.kind()) {
                case LATENCY -> pause(fault.delay());
                case ERROR_STATUS -> {
                    send(exchange, ApiResult.error(fault.status(), "Simulated failure"));
                    return;
                }
                case CONNECTION_RESET -> {
                    drop(exchange);
                    return;
                }
                case TIMEOUT -> {
                    pause(fault.delay());
                    drop(exchange);
                    return;
                }
                case LOCATION_NOT_ACTIVE -> {
                    send(exchange, ApiResult.error(400, Marketplace.LOCATION_NOT_ACTIVE));
                    return;
                }
                case INVALID_CLIENT -> {
                    Map<String, String> form = endpoint == FaultEndpoint.TOKEN ? parseForm(body(exchange)) : Map.of();
                    send(exchange, refuseClient(form));
                    return;
                }
                case DROP_RESPONSE -> {
                    handler.handle();
                    drop(exchange);
                    return;
                }
                default -> throw new IllegalStateException("unknown fault " + fault.kind());
            }
        }
        send(exchange, handler.handle());
    }

    /** Closes the connection without any response bytes: the client sees a reset / empty reply. */
    private static void drop(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        // Closing the exchange without response headers makes the JDK server close the connection.
        throw new IOException("response dropped on purpose");
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ApiResult token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parseForm(body(exchange));
        if (!config.clientId().equals(form.get("client_id")) || !clientSecret.get().equals(form.get("client_secret"))) {
            return refuseClient(form);
        }
        String grantType = form.get("grant_type");
        if ("authorization_code".equals(grantType)) {
            return marketplace.exchangeCode(form.get("code"));
        }
        if ("refresh_token".equals(grantType)) {
            return marketplace.refresh(form.get("refresh_token"));
        }
        return ApiResult.error(422, "grant_type must be authorization_code or refresh_token");
    }

    /** {@code 401 invalid_client}; the code or refresh token in the form is logged as such and left untouched. */
    private ApiResult refuseClient(Map<String, String> form) {
        String grantType = form.get("grant_type");
        return marketplace.refuseClient(grantType,
            "authorization_code".equals(grantType) ? form.get("code") : form.get("refresh_token"));
    }

    private ApiResult locationToken(HttpExchange exchange) throws IOException {
        Object auth = authenticate(exchange, "POST /oauth/locationToken");
        if (auth instanceof ApiResult error) {
            return error;
        }
        Marketplace.Subject company = (Marketplace.Subject) auth;
        ApiResult limited = rateLimit(company.resourceId());
        if (limited.status() == 429) {
            return limited;
        }
        Map<String, String> form = parseForm(body(exchange));
        return copyHeaders(limited, marketplace.mintLocationToken(company, form.get("companyId"),
            form.get("locationId")));
    }

    private ApiResult installedLocations(HttpExchange exchange) {
        Object auth = authenticate(exchange, "GET /oauth/installedLocations");
        if (auth instanceof ApiResult error) {
            return error;
        }
        Marketplace.Subject company = (Marketplace.Subject) auth;
        ApiResult limited = rateLimit(company.resourceId());
        if (limited.status() == 429) {
            return limited;
        }
        Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery());
        int skip;
        int limit;
        try {
            skip = Integer.parseInt(query.getOrDefault("skip", "0"));
            limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        } catch (NumberFormatException e) {
            return ApiResult.error(422, "skip and limit must be numbers");
        }
        return copyHeaders(limited, marketplace.installedLocations(company, query.get("companyId"),
            query.get("appId"), skip, limit, query.get("isInstalled")));
    }

    private ApiResult developerUninstall(HttpExchange exchange, String path) throws IOException {
        Object auth = authenticate(exchange, "DELETE /marketplace/app/{appId}/installations");
        if (auth instanceof ApiResult error) {
            return error;
        }
        Marketplace.Subject subject = (Marketplace.Subject) auth;
        if (!Marketplace.hasScope(subject, "oauth.write")) {
            return ApiResult.error(401, "The token is not authorized for this scope.");
        }
        String appId = path.substring("/marketplace/app/".length(), path.length() - "/installations".length());
        if (!config.appId().equals(appId)) {
            return ApiResult.error(404, "App not found");
        }
        Map<String, Object> body;
        try {
            body = Json.map(body(exchange).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return ApiResult.error(400, "malformed JSON body");
        }
        String companyId = body.get("companyId") instanceof String c ? c : null;
        String locationId = body.get("locationId") instanceof String l ? l : null;
        if (!(body.get("reason") instanceof String reason) || reason.isBlank()) {
            return ApiResult.error(422, "reason must be a non-empty string");
        }
        if (locationId == null && !subject.isCompany()) {
            locationId = subject.locationId();
        }
        if (locationId == null && !subject.isCompany()) {
            // a location token that names no location, and no locationId in the body: nothing to remove
            return ApiResult.error(422, "locationId is required");
        }
        boolean allowed = subject.isCompany()
            ? subject.companyId().equals(companyId == null ? subject.companyId() : companyId)
            : locationId.equals(subject.locationId());
        if (!allowed) {
            return ApiResult.error(403, "The token does not have access to this location");
        }
        return marketplace.uninstall(companyId == null ? subject.companyId() : companyId, locationId);
    }

    private ApiResult sampleLocation(HttpExchange exchange, String path) {
        String locationId = path.substring("/locations/".length());
        Object auth = authenticate(exchange, "GET /locations/{id}");
        if (auth instanceof ApiResult error) {
            return error;
        }
        Marketplace.Subject subject = (Marketplace.Subject) auth;
        if (!Marketplace.hasScope(subject, "locations.readonly")) {
            return ApiResult.error(401, "The token is not authorized for this scope.");
        }
        if (!marketplace.locationExists(locationId)) {
            return ApiResult.error(404, "Location not found");
        }
        boolean allowed = subject.isCompany() ? subject.companyId().equals(config.companyId())
            : locationId.equals(subject.locationId());
        if (!allowed) {
            return ApiResult.error(403, "The token does not have access to this location");
        }
        ApiResult limited = rateLimit(subject.resourceId());
        if (limited.status() == 429) {
            return limited;
        }
        return copyHeaders(limited, ApiResult.ok(marketplace.location(locationId)));
    }

    private ApiResult sampleContacts(HttpExchange exchange) {
        Object subject = locationSubject(exchange, "GET /contacts/", "contacts.readonly");
        if (subject instanceof ApiResult error) {
            return error;
        }
        Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery());
        String locationId = query.get("locationId");
        if (locationId == null) {
            return ApiResult.error(422, "locationId is required");
        }
        if (!locationId.equals(((Marketplace.Subject) subject).locationId())) {
            return ApiResult.error(403, "The token does not have access to this location");
        }
        ApiResult limited = rateLimit(((Marketplace.Subject) subject).resourceId());
        if (limited.status() == 429) {
            return limited;
        }
        String text = query.getOrDefault("query", "").toLowerCase(java.util.Locale.ROOT);
        List<Map<String, Object>> found = new ArrayList<>();
        found.add(Map.of("id", "sim-contact-1", "locationId", locationId, "firstName", "Ada"));
        found.addAll(contacts.getOrDefault(locationId, Map.of()).values());
        found.removeIf(c -> !text.isEmpty() && c.values().stream()
            .noneMatch(v -> String.valueOf(v).toLowerCase(java.util.Locale.ROOT).contains(text)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contacts", found);
        body.put("meta", Map.of("total", found.size()));
        body.put("traceId", ids.uuid().toString());
        return copyHeaders(limited, ApiResult.ok(body));
    }

    private ApiResult getContact(HttpExchange exchange, String contactId) {
        Object subject = locationSubject(exchange, "GET /contacts/{id}", "contacts.readonly");
        if (subject instanceof ApiResult error) {
            return error;
        }
        String locationId = ((Marketplace.Subject) subject).locationId();
        ApiResult limited = rateLimit(((Marketplace.Subject) subject).resourceId());
        if (limited.status() == 429) {
            return limited;
        }
        Map<String, Object> contact = "sim-contact-1".equals(contactId)
            ? Map.of("id", "sim-contact-1", "locationId", locationId, "firstName", "Ada")
            : contacts.getOrDefault(locationId, Map.of()).get(contactId);
        if (contact == null) {
            return copyHeaders(limited, ApiResult.error(400, "Contact not found"));
        }
        return copyHeaders(limited, ApiResult.ok(Map.of("contact", contact, "traceId", ids.uuid().toString())));
    }

    private ApiResult createContact(HttpExchange exchange) throws IOException {
        Object subject = locationSubject(exchange, "POST /contacts/", "contacts.write");
        if (subject instanceof ApiResult error) {
            return error;
        }
        Map<String, Object> request;
        try {
            request = Json.map(body(exchange).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return ApiResult.error(400, "malformed JSON body");
        }
        String locationId = ((Marketplace.Subject) subject).locationId();
        if (!locationId.equals(request.get("locationId"))) {
            return ApiResult.error(403, "The token does not have access to this location");
        }
        ApiResult limited = rateLimit(((Marketplace.Subject) subject).resourceId());
        if (limited.status() == 429) {
            return limited;
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", "sim-contact-" + (1 + contactIds.incrementAndGet()));
        contact.put("locationId", locationId);
        for (String field : List.of("firstName", "lastName", "email", "phone")) {
            if (request.get(field) instanceof String value) {
                contact.put(field, value);
            }
        }
        contacts.computeIfAbsent(locationId, l -> new java.util.concurrent.ConcurrentHashMap<>())
            .put((String) contact.get("id"), contact);
        ApiResult created = new ApiResult(201, Map.of("contact", contact, "traceId", ids.uuid().toString()),
            new LinkedHashMap<>());
        return copyHeaders(limited, created);
    }

    /** A location token with {@code scope}, or the error HighLevel answers (400 no Version, 401, 403 agency token). */
    private Object locationSubject(HttpExchange exchange, String endpoint, String scope) {
        Object auth = authenticate(exchange, endpoint);
        if (auth instanceof ApiResult error) {
            return error;
        }
        Marketplace.Subject subject = (Marketplace.Subject) auth;
        if (!Marketplace.hasScope(subject, scope)) {
            return ApiResult.error(401, "The token is not authorized for this scope.");
        }
        if (subject.isCompany()) {
            return ApiResult.error(403, "The token does not have access to this location");
        }
        return subject;
    }

    /** Checks the {@code Version} header and the bearer token; returns the token's subject or an error. */
    private Object authenticate(HttpExchange exchange, String endpoint) {
        String version = exchange.getRequestHeaders().getFirst("Version");
        if (version == null || version.isBlank()) {
            return ApiResult.error(400, "Version header was not found");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ApiResult.error(401, "Invalid JWT");
        }
        return marketplace.authenticate(authorization.substring(7).trim(), endpoint);
    }

    /** A 200 carrying only rate-limit headers when allowed, else the 429. */
    private ApiResult rateLimit(String resource) {
        RateLimiter.Decision d = rateLimiter.acquire(config.appId() + "/" + resource, clock.instant());
        ApiResult result = d.allowed() ? ApiResult.ok(Map.of())
            : ApiResult.error(429, "Too many requests").withHeader("Retry-After",
                String.valueOf(Math.max(1, config.rateLimitWindow().toSeconds())));
        return result.withHeader("X-RateLimit-Max", String.valueOf(d.max()))
            .withHeader("X-RateLimit-Remaining", String.valueOf(d.remaining()))
            .withHeader("X-RateLimit-Interval-Milliseconds", String.valueOf(d.intervalMillis()))
            .withHeader("X-RateLimit-Limit-Daily", String.valueOf(d.dailyLimit()))
            .withHeader("X-RateLimit-Daily-Remaining", String.valueOf(d.dailyRemaining()));
    }

    private static ApiResult copyHeaders(ApiResult from, ApiResult to) {
        from.headers().forEach(to::withHeader);
        return to;
    }

    // ================================================================ consent page

    private void consentPage(HttpExchange exchange) throws IOException {
        Map<String, String> q = parseForm(exchange.getRequestURI().getRawQuery());
        String problem = null;
        if (!"code".equals(q.get("response_type"))) {
            problem = "response_type must be code";
        } else if (!config.clientId().equals(q.get("client_id"))) {
            problem = "Unknown client_id";
        } else if (!config.redirectUris().contains(q.get("redirect_uri"))) {
            problem = "redirect_uri is not registered for this app";
        } else if (q.get("scope") == null || q.get("scope").isBlank()) {
            problem = "scope is required";
        } else {
            for (String s : q.get("scope").trim().split("\\s+")) {
                if (!config.scopes().contains(s)) {
                    problem = "scope " + s + " is not registered for this app";
                }
            }
        }
        if (problem != null) {
            sendHtml(exchange, 400, "<h1>Cannot authorize</h1><p>" + escape(problem) + "</p>");
            return;
        }
        StringBuilder options = new StringBuilder();
        options.append("<label><input type=radio name=target value=AGENCY> The whole agency (")
            .append(escape(config.companyName())).append(")</label><br>");
        boolean first = true;
        for (String id : marketplace.locationIds()) {
            options.append("<label><input type=radio name=target value=\"LOCATION:").append(escape(id)).append('"')
                .append(first ? " checked" : "").append("> ").append(escape(id)).append("</label><br>");
            first = false;
        }
        String hidden = hiddenField("client_id", q.get("client_id")) + hiddenField("redirect_uri", q.get("redirect_uri"))
            + hiddenField("scope", q.get("scope")) + (q.get("state") == null ? "" : hiddenField("state", q.get("state")));
        sendHtml(exchange, 200, "<h1>Install app " + escape(config.appId()) + "</h1>"
            + "<p>Simulated HighLevel: choose where to install.</p>"
            + "<form method=post action=\"/oauth/chooselocation/approve\">" + hidden + options
            + "<label><input type=checkbox name=installToFutureLocations value=true> Install to future locations"
            + "</label><br><button type=submit>Install</button></form>");
    }

    private void approve(HttpExchange exchange) throws IOException {
        Map<String, String> form = parseForm(body(exchange));
        String target = form.getOrDefault("target", "");
        AuthorizeRequest request;
        if (target.startsWith("LOCATION:")) {
            request = new AuthorizeRequest(form.get("client_id"), form.get("redirect_uri"), form.get("scope"),
                form.get("state"), AuthorizeRequest.Target.LOCATION, target.substring("LOCATION:".length()), List.of(),
                false);
        } else {
            request = new AuthorizeRequest(form.get("client_id"), form.get("redirect_uri"), form.get("scope"),
                form.get("state"), AuthorizeRequest.Target.AGENCY, null, List.of(),
                "true".equals(form.get("installToFutureLocations")));
        }
        try {
            AuthorizeResult result = marketplace.authorize(request);
            exchange.getResponseHeaders().set("Location", result.redirectUrl());
            exchange.sendResponseHeaders(302, -1);
        } catch (IllegalArgumentException e) {
            sendHtml(exchange, 400, "<h1>Cannot authorize</h1><p>" + escape(e.getMessage()) + "</p>");
        }
    }

    private static String hiddenField(String name, String value) {
        return "<input type=hidden name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ================================================================ control API

    private void control(HttpExchange exchange, String method, String path) throws IOException {
        try {
            send(exchange, controlResult(exchange, method, path));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            send(exchange, ApiResult.error(400, String.valueOf(e.getMessage())));
        }
    }

    private ApiResult controlResult(HttpExchange exchange, String method, String path) throws IOException {
        Map<String, Object> body = method.equals("POST") || method.equals("PUT")
            ? Json.map(body(exchange).getBytes(StandardCharsets.UTF_8)) : Map.of();
        switch (method + " " + path) {
            case "POST /_sim/reset" -> {
                reset();
                return ApiResult.ok(Map.of("reset", true));
            }
            case "GET /_sim/clock" -> {
                return ApiResult.ok(Map.of("now", clock.instant().toString(), "ticking", clock.isTicking()));
            }
            case "POST /_sim/clock/advance" -> {
                Duration by = body.containsKey("seconds")
                    ? Duration.ofSeconds(((Number) body.get("seconds")).longValue())
                    : Duration.parse(String.valueOf(body.get("duration")));
                return ApiResult.ok(Map.of("now", clock.advance(by).toString()));
            }
            case "POST /_sim/authorize" -> {
                return ApiResult.ok(authorizeFromControl(body));
            }
            case "GET /_sim/presentations" -> {
                return ApiResult.ok(Map.of("presentations", presentations()));
            }
            case "GET /_sim/presentations/summary" -> {
                return ApiResult.ok(presentationSummary());
            }
            case "POST /_sim/seed/location-grants" -> {
                return ApiResult.ok(Map.of("grants",
                    seedLocationGrants(((Number) body.getOrDefault("count", 1)).intValue())));
            }
            case "GET /_sim/rate-limits" -> {
                Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery());
                String resource = query.get("resourceId");
                if (resource == null) {
                    return ApiResult.error(422, "resourceId is required");
                }
                Duration window = Duration.ofMillis(Long.parseLong(query.getOrDefault("windowMillis",
                    String.valueOf(config.rateLimitWindow().toMillis()))));
                Map<String, Object> limits = new LinkedHashMap<>();
                limits.put("resourceId", resource);
                limits.put("accepted", acceptedCalls(resource).size());
                limits.put("tooManyRequests", tooManyRequests(resource));
                limits.put("maxInAnySlidingWindow", maxCallsInAnySlidingWindow(resource, window));
                return ApiResult.ok(limits);
            }
            case "GET /_sim/invariants" -> {
                return ApiResult.ok(invariants());
            }
            case "GET /_sim/faults" -> {
                return ApiResult.ok(Map.of("faults", faults()));
            }
            case "POST /_sim/faults" -> {
                Fault fault = new Fault(FaultEndpoint.valueOf(String.valueOf(body.getOrDefault("endpoint", "ANY"))),
                    FaultKind.valueOf(String.valueOf(body.get("kind"))),
                    ((Number) body.getOrDefault("status", 0)).intValue(),
                    Duration.ofMillis(((Number) body.getOrDefault("delayMillis", 0)).longValue()),
                    ((Number) body.getOrDefault("times", 1)).intValue());
                inject(fault);
                return ApiResult.ok(Map.of("faults", faults()));
            }
            case "DELETE /_sim/faults" -> {
                clearFaults();
                return ApiResult.ok(Map.of("faults", List.of()));
            }
            case "POST /_sim/client-secret" -> {
                rotateClientSecret((String) body.get("clientSecret"));
                return ApiResult.ok(Map.of("rotated", true));
            }
            case "DELETE /_sim/client-secret" -> {
                restoreClientSecret();
                return ApiResult.ok(Map.of("rotated", false));
            }
            case "POST /_sim/locations" -> {
                return ApiResult.ok(Map.of("locationId", createLocation((String) body.get("name"))));
            }
            case "POST /_sim/grants/revoke" -> {
                return ApiResult.ok(Map.of("revoked", revokeGrants(
                    (String) body.getOrDefault("companyId", config.companyId()), (String) body.get("locationId"))));
            }
            case "POST /_sim/uninstall" -> {
                uninstall((String) body.getOrDefault("companyId", config.companyId()), (String) body.get("locationId"));
                return ApiResult.ok(Map.of("uninstalled", true));
            }
            case "POST /_sim/plan-change" -> {
                changePlan((String) body.get("locationId"), String.valueOf(body.get("newPlanId")));
                return ApiResult.ok(Map.of("sent", true));
            }
            case "GET /_sim/webhooks/keys" -> {
                WebhookKeys keys = webhookKeys();
                return ApiResult.ok(Map.of("ed25519", keys.ed25519Pem(), "rsa", keys.rsaPem()));
            }
            case "GET /_sim/webhooks/deliveries" -> {
                return ApiResult.ok(Map.of("deliveries", webhookDeliveries()));
            }
            case "POST /_sim/webhooks/url" -> {
                setWebhookUrl((String) body.get("url"));
                return ApiResult.ok(Map.of("url", String.valueOf(body.get("url"))));
            }
            case "POST /_sim/webhooks/options" -> {
                webhookOptions(Boolean.TRUE.equals(body.get("duplicate")),
                    Duration.ofMillis(((Number) body.getOrDefault("delayMillis", 0)).longValue()));
                return ApiResult.ok(Map.of("ok", true));
            }
            case "POST /_sim/webhooks/hold" -> {
                holdWebhooks();
                return ApiResult.ok(Map.of("held", true));
            }
            case "POST /_sim/webhooks/release" -> {
                releaseWebhooks(Boolean.TRUE.equals(body.get("reverse")));
                return ApiResult.ok(Map.of("held", false));
            }
            default -> {
                if (path.startsWith("/_sim/locations/") && method.equals("POST")
                    && (path.endsWith("/disable") || path.endsWith("/enable"))) {
                    String id = path.substring("/_sim/locations/".length(), path.lastIndexOf('/'));
                    boolean active = path.endsWith("/enable");
                    setLocationActive(id, active);
                    return ApiResult.ok(Map.of("locationId", id, "active", active));
                }
                return ApiResult.error(404, "Unknown control endpoint " + method + " " + path);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> authorizeFromControl(Map<String, Object> body) {
        AuthorizeRequest.Target target = AuthorizeRequest.Target.valueOf(
            String.valueOf(body.getOrDefault("target", "LOCATION")));
        List<String> selected = (List<String>) body.getOrDefault("selectedLocationIds", List.of());
        AuthorizeRequest request = new AuthorizeRequest(
            (String) body.getOrDefault("clientId", config.clientId()),
            (String) body.getOrDefault("redirectUri", config.redirectUris().get(0)),
            (String) body.getOrDefault("scope", config.scopeString()),
            (String) body.get("state"), target, (String) body.get("locationId"), new ArrayList<>(selected),
            Boolean.TRUE.equals(body.get("installToFutureLocations")));
        AuthorizeResult result = authorize(request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", result.code());
        out.put("redirectUrl", result.redirectUrl());
        if (result.state() != null) {
            out.put("state", result.state());
        }
        return out;
    }

    // ================================================================ plumbing

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static void send(HttpExchange exchange, ApiResult result) throws IOException {
        byte[] bytes = Json.bytes(result.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        result.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(result.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendHtml(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><meta charset=utf-8><title>HighLevel simulator</title></head><body>"
            + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The authorization URL a hub would build for this simulator (handy for tests and the demo). */
    public URI authorizationUrl(String redirectUri, String state) {
        String url = baseUrl() + "/v2/oauth/chooselocation?response_type=code&client_id="
            + java.net.URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8)
            + "&redirect_uri=" + java.net.URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
            + "&scope=" + java.net.URLEncoder.encode(config.scopeString(), StandardCharsets.UTF_8)
            + (state == null ? "" : "&state=" + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8));
        return URI.create(url);
    }

    /** The simulated time now. */
    public Instant now() {
        return clock.instant();
    }
}
