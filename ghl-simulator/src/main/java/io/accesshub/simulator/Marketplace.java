package io.accesshub.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The simulated marketplace's state: the agency and its locations, where the app is installed, authorization codes,
 * access and refresh tokens, the presentation log. Every method is synchronized: the simulator favours exactness of
 * the single-use bookkeeping over throughput.
 */
final class Marketplace {

    static final String INVALID_REFRESH = "Invalid grant: refresh token is invalid";
    static final String INVALID_CODE = "Invalid grant: authorization code is invalid";
    static final String LOCATION_NOT_ACTIVE = "Location is not active";

    /** What a token or code is for. */
    record Subject(String userType, String companyId, String locationId, String scope, List<String> approvedLocations,
                   boolean bulk, boolean installToFutureLocations, String userId) {

        String resourceId() {
            return locationId != null ? locationId : companyId;
        }

        boolean isCompany() {
            return "Company".equals(userType);
        }
    }

    private static final class Code {
        final Subject subject;
        final Instant expiresAt;
        boolean used;

        Code(Subject subject, Instant expiresAt) {
            this.subject = subject;
            this.expiresAt = expiresAt;
        }
    }

    private static final class AccessRecord {
        final Subject subject;
        final long grantId;
        final Instant expiresAt;

        AccessRecord(Subject subject, long grantId, Instant expiresAt) {
            this.subject = subject;
            this.grantId = grantId;
            this.expiresAt = expiresAt;
        }
    }

    private static final class RefreshRecord {
        final Subject subject;
        final long grantId;
        final Instant expiresAt;
        Instant rotatedAt;
        Map<String, Object> rotatedTo;
        int accepted;

        RefreshRecord(Subject subject, long grantId, Instant expiresAt) {
            this.subject = subject;
            this.grantId = grantId;
            this.expiresAt = expiresAt;
        }
    }

    private final SimulatorConfig config;
    private final SimClock clock;
    private final Ids ids;
    private final Consumer<Map<String, Object>> webhooks;

    private final Map<String, String> locationNames = new LinkedHashMap<>();
    private final Set<String> inactiveLocations = new LinkedHashSet<>();
    private final Set<String> installedLocations = new LinkedHashSet<>();
    private boolean companyInstalled;
    private boolean installToFutureLocations;
    private final Set<Long> revokedGrants = new LinkedHashSet<>();
    private final Map<Long, Subject> grants = new LinkedHashMap<>();
    private final Map<String, Code> codes = new LinkedHashMap<>();
    private final Map<String, AccessRecord> accessTokens = new LinkedHashMap<>();
    private final Map<String, RefreshRecord> refreshTokens = new LinkedHashMap<>();
    private final List<Presentation> presentations = new ArrayList<>();
    private final Map<String, Long> requestsPerEndpoint = new TreeMap<>();
    private final List<String> acceptedMoreThanOnce = new ArrayList<>();
    private final List<String> reusedOutsideGrace = new ArrayList<>();
    private long invalidGrantFromReuse;
    private long invalidGrantTotal;
    private long graceReplays;
    private long invalidClient;
    private long nextGrantId;
    private int nextLocationNumber;

    Marketplace(SimulatorConfig config, SimClock clock, Ids ids, Consumer<Map<String, Object>> webhooks) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.webhooks = webhooks;
        reset();
    }

    synchronized void reset() {
        locationNames.clear();
        inactiveLocations.clear();
        installedLocations.clear();
        companyInstalled = false;
        installToFutureLocations = false;
        revokedGrants.clear();
        grants.clear();
        codes.clear();
        accessTokens.clear();
        refreshTokens.clear();
        presentations.clear();
        requestsPerEndpoint.clear();
        acceptedMoreThanOnce.clear();
        reusedOutsideGrace.clear();
        invalidGrantFromReuse = 0;
        invalidGrantTotal = 0;
        graceReplays = 0;
        invalidClient = 0;
        nextGrantId = 0;
        for (int n = 1; n <= config.locationCount(); n++) {
            locationNames.put(SimulatorConfig.locationId(n), "Simulated Location " + n);
        }
        nextLocationNumber = config.locationCount() + 1;
    }

    synchronized void countRequest(String endpoint) {
        requestsPerEndpoint.merge(endpoint, 1L, Long::sum);
    }

    synchronized boolean locationExists(String locationId) {
        return locationNames.containsKey(locationId);
    }

    synchronized List<String> locationIds() {
        return List.copyOf(locationNames.keySet());
    }

    // ---------------------------------------------------------------- authorization

    /** Approves an authorization request: issues a single-use code and sends the INSTALL webhooks. */
    synchronized AuthorizeResult authorize(AuthorizeRequest request) {
        if (!config.clientId().equals(request.clientId())) {
            throw new IllegalArgumentException("unknown client_id");
        }
        if (!config.redirectUris().contains(request.redirectUri())) {
            throw new IllegalArgumentException("redirect_uri is not registered for this app");
        }
        String scope = request.scope() == null || request.scope().isBlank() ? config.scopeString() : request.scope();
        for (String s : scope.trim().split("\\s+")) {
            if (!config.scopes().contains(s)) {
                throw new IllegalArgumentException("scope " + s + " is not registered for this app");
            }
        }
        Instant now = clock.instant();
        String userId = "sim-user-" + ids.hex(8);
        Subject subject;
        List<String> newlyInstalled = new ArrayList<>();
        if (request.target() == AuthorizeRequest.Target.LOCATION) {
            if (!locationNames.containsKey(request.locationId())) {
                throw new IllegalArgumentException("unknown location " + request.locationId());
            }
            subject = new Subject("Location", config.companyId(), request.locationId(), scope, List.of(), false,
                false, userId);
            if (installedLocations.add(request.locationId())) {
                newlyInstalled.add(request.locationId());
            }
        } else {
            List<String> selected = request.selectedLocationIds().isEmpty()
                ? List.copyOf(locationNames.keySet()) : request.selectedLocationIds();
            for (String id : selected) {
                if (!locationNames.containsKey(id)) {
                    throw new IllegalArgumentException("unknown location " + id);
                }
            }
            boolean bulk = !request.selectedLocationIds().isEmpty();
            subject = new Subject("Company", config.companyId(), null, scope,
                config.includeApprovedLocations() ? List.copyOf(selected) : List.of(), bulk,
                request.installToFutureLocations(), userId);
            companyInstalled = true;
            installToFutureLocations = request.installToFutureLocations();
            for (String id : selected) {
                if (installedLocations.add(id)) {
                    newlyInstalled.add(id);
                }
            }
            if (config.companyInstallWebhook()) {
                webhooks.accept(installEvent("Company", null, userId, now));
            }
        }
        for (String id : newlyInstalled) {
            webhooks.accept(installEvent("Location", id, subject.isCompany() ? null : userId, now));
        }
        String code = ids.token("code_", 40);
        codes.put(code, new Code(subject, now.plus(config.authorizationCodeLifetime())));
        presentations.add(new Presentation(now, "GET /oauth/chooselocation", Presentation.Kind.AUTHORIZATION_CODE,
            Ids.sha256(code), Presentation.Outcome.ISSUED, subject.resourceId()));
        String redirect = request.redirectUri() + (request.redirectUri().contains("?") ? "&" : "?") + "code="
            + code + (request.state() == null ? "" : "&state=" + urlEncode(request.state()));
        return new AuthorizeResult(code, redirect, request.state());
    }

    private Map<String, Object> installEvent(String installType, String locationId, String userId, Instant now) {
        Map<String, Object> event = baseEvent("INSTALL", now);
        event.put("installType", installType);
        if (locationId != null) {
            event.put("locationId", locationId);
        }
        event.put("companyId", config.companyId());
        if (userId != null) {
            event.put("userId", userId);
        }
        event.put("companyName", config.companyName());
        event.put("versionId", config.versionId());
        event.put("planId", config.planId());
        event.put("isWhitelabelCompany", false);
        return event;
    }

    private Map<String, Object> baseEvent(String type, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("appId", config.appId());
        event.put("timestamp", now.toString());
        event.put("webhookId", ids.uuid().toString());
        return event;
    }

    // ---------------------------------------------------------------- benchmark seeding

    /**
     * Creates {@code count} new locations with the app installed and one location grant each, as if every location
     * had been installed through the consent page and its code exchanged; no webhooks are sent and no code is
     * logged, only the issued tokens. For load tests that need thousands of valid grants quickly.
     */
    synchronized List<SeededGrant> seedLocationGrants(int count) {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("count must be within 1..10000 per call");
        }
        Instant now = clock.instant();
        List<SeededGrant> seeded = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = SimulatorConfig.locationId(nextLocationNumber++);
            locationNames.put(id, "Seeded Location " + id);
            installedLocations.add(id);
            Subject subject = new Subject("Location", config.companyId(), id, config.scopeString(), List.of(), false,
                false, "sim-user-" + ids.hex(8));
            long grantId = ++nextGrantId;
            grants.put(grantId, subject);
            Map<String, Object> pair = issuePair(subject, grantId, true, now, "POST /_sim/seed/location-grants");
            seeded.add(new SeededGrant(config.companyId(), id, subject.userId(), (String) pair.get("access_token"),
                now.plus(config.accessTokenLifetime()), (String) pair.get("refresh_token"), subject.scope(), now));
        }
        return seeded;
    }

    // ---------------------------------------------------------------- /oauth/token

    /**
     * The answer to a {@code /oauth/token} request whose client credentials were refused: {@code 401 invalid_client}.
     * The code or refresh token it carried is logged as {@link Presentation.Outcome#INVALID_CLIENT} (not a
     * presentation) and left untouched: not used, not rotated, not counted as reuse.
     */
    synchronized ApiResult refuseClient(String grantType, String credential) {
        Instant now = clock.instant();
        invalidClient++;
        if (credential != null && !credential.isEmpty()) {
            if ("authorization_code".equals(grantType)) {
                Code c = codes.get(credential);
                log(now, "POST /oauth/token", Presentation.Kind.AUTHORIZATION_CODE, Ids.sha256(credential),
                    Presentation.Outcome.INVALID_CLIENT, c == null ? null : c.subject.resourceId());
            } else if ("refresh_token".equals(grantType)) {
                RefreshRecord r = refreshTokens.get(credential);
                log(now, "POST /oauth/token", Presentation.Kind.REFRESH_TOKEN, Ids.sha256(credential),
                    Presentation.Outcome.INVALID_CLIENT, r == null ? null : r.subject.resourceId());
            }
        }
        return new ApiResult(401, Json.invalidClient(), new LinkedHashMap<>());
    }

    synchronized ApiResult exchangeCode(String code) {
        Instant now = clock.instant();
        Code c = code == null ? null : codes.get(code);
        String hash = code == null ? "" : Ids.sha256(code);
        if (c == null) {
            invalidGrantTotal++;
            log(now, "POST /oauth/token", Presentation.Kind.AUTHORIZATION_CODE, hash,
                Presentation.Outcome.REJECTED_UNKNOWN, null);
            return ApiResult.error(400, INVALID_CODE);
        }
        if (c.used) {
            invalidGrantTotal++;
            invalidGrantFromReuse++;
            log(now, "POST /oauth/token", Presentation.Kind.AUTHORIZATION_CODE, hash,
                Presentation.Outcome.REJECTED_REUSED, c.subject.resourceId());
            return ApiResult.error(400, INVALID_CODE);
        }
        if (!now.isBefore(c.expiresAt)) {
            invalidGrantTotal++;
            log(now, "POST /oauth/token", Presentation.Kind.AUTHORIZATION_CODE, hash,
                Presentation.Outcome.REJECTED_EXPIRED, c.subject.resourceId());
            return ApiResult.error(400, INVALID_CODE);
        }
        c.used = true;
        log(now, "POST /oauth/token", Presentation.Kind.AUTHORIZATION_CODE, hash, Presentation.Outcome.ACCEPTED,
            c.subject.resourceId());
        long grantId = ++nextGrantId;
        grants.put(grantId, c.subject);
        return ApiResult.ok(issuePair(c.subject, grantId, true, now, "POST /oauth/token"));
    }

    synchronized ApiResult refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshRecord r = refreshToken == null ? null : refreshTokens.get(refreshToken);
        String hash = refreshToken == null ? "" : Ids.sha256(refreshToken);
        String endpoint = "POST /oauth/token";
        if (r == null) {
            invalidGrantTotal++;
            log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, hash, Presentation.Outcome.REJECTED_UNKNOWN, null);
            return ApiResult.error(400, INVALID_REFRESH);
        }
        String resource = r.subject.resourceId();
        if (revokedGrants.contains(r.grantId)) {
            invalidGrantTotal++;
            log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, hash, Presentation.Outcome.REJECTED_REVOKED, resource);
            return ApiResult.error(400, INVALID_REFRESH);
        }
        if (r.subject.locationId() != null && inactiveLocations.contains(r.subject.locationId())) {
            log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, hash,
                Presentation.Outcome.REJECTED_LOCATION_INACTIVE, resource);
            return ApiResult.error(400, LOCATION_NOT_ACTIVE);
        }
        if (r.rotatedAt != null) {
            boolean inGrace = config.graceWindowEnabled()
                && now.isBefore(r.rotatedAt.plus(config.refreshGraceWindow()));
            if (inGrace) {
                graceReplays++;
                log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, hash, Presentation.Outcome.GRACE_REPLAY, resource);
                return ApiResult.ok(new LinkedHashMap<>(r.rotatedTo));
            }
            invalidGrantTotal++;
            invalidGrantFromReuse++;
            if (!reusedOutsideGrace.contains(hash)) {
                reusedOutsideGrace.add(hash);
            }
            log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, hash, Presentation.Outcome.REJECTED_REUSED, resource);
            return ApiResult.error(400, INVALID_REFRESH);
        }
        if (!now.isBefore(r.expiresAt)) {
            invalidGrantTotal++;
            log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, hash, Presentation.Outcome.REJECTED_EXPIRED, resource);
            return ApiResult.error(400, INVALID_REFRESH);
        }
        r.accepted++;
        if (r.accepted > 1 && !acceptedMoreThanOnce.contains(hash)) {
            acceptedMoreThanOnce.add(hash);
        }
        log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, hash, Presentation.Outcome.ACCEPTED, resource);
        Map<String, Object> pair = issuePair(r.subject, r.grantId, true, now, endpoint);
        r.rotatedAt = now;
        r.rotatedTo = pair;
        return ApiResult.ok(new LinkedHashMap<>(pair));
    }

    private Map<String, Object> issuePair(Subject s, long grantId, boolean withRefresh, Instant now, String endpoint) {
        String access = ids.token("sim_at_", 48);
        accessTokens.put(access, new AccessRecord(s, grantId, now.plus(config.accessTokenLifetime())));
        log(now, endpoint, Presentation.Kind.ACCESS_TOKEN, Ids.sha256(access), Presentation.Outcome.ISSUED,
            s.resourceId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", config.accessTokenLifetime().toSeconds());
        if (withRefresh) {
            String refresh = ids.token("sim_rt_", 48);
            refreshTokens.put(refresh, new RefreshRecord(s, grantId, now.plus(config.refreshTokenLifetime())));
            log(now, endpoint, Presentation.Kind.REFRESH_TOKEN, Ids.sha256(refresh), Presentation.Outcome.ISSUED,
                s.resourceId());
            body.put("refresh_token", refresh);
            body.put("refreshTokenId", ids.hex(24));
        }
        body.put("scope", s.scope());
        body.put("userType", s.userType());
        body.put("companyId", s.companyId());
        if (s.locationId() != null) {
            body.put("locationId", s.locationId());
        }
        body.put("userId", s.userId());
        body.put("planId", config.planId());
        if (s.isCompany()) {
            body.put("isBulkInstallation", s.bulk());
            body.put("installToFutureLocations", s.installToFutureLocations());
            body.put("approveAllLocations", s.approvedLocations().size() == locationNames.size());
            if (!s.approvedLocations().isEmpty()) {
                body.put("approvedLocations", s.approvedLocations());
            }
        }
        body.put("traceId", ids.uuid().toString());
        return body;
    }

    /**
     * Stops accepting the access tokens issued so far for a resource (a location or company id), as HighLevel does
     * when it invalidates tokens early; their refresh tokens keep working. Returns how many were dropped.
     */
    synchronized int rejectAccessTokens(String resourceId) {
        int before = accessTokens.size();
        accessTokens.values().removeIf(a -> a.subject.resourceId().equals(resourceId));
        return before - accessTokens.size();
    }

    // ---------------------------------------------------------------- bearer checks

    /** The subject of a valid access token, or an error result. */
    synchronized Object authenticate(String bearer, String endpoint) {
        Instant now = clock.instant();
        AccessRecord a = bearer == null ? null : accessTokens.get(bearer);
        String hash = bearer == null ? "" : Ids.sha256(bearer);
        if (a == null) {
            log(now, endpoint, Presentation.Kind.ACCESS_TOKEN, hash, Presentation.Outcome.REJECTED_UNKNOWN, null);
            return ApiResult.error(401, "Invalid JWT");
        }
        if (revokedGrants.contains(a.grantId)) {
            log(now, endpoint, Presentation.Kind.ACCESS_TOKEN, hash, Presentation.Outcome.REJECTED_REVOKED,
                a.subject.resourceId());
            return ApiResult.error(401, "Invalid JWT");
        }
        if (!now.isBefore(a.expiresAt)) {
            log(now, endpoint, Presentation.Kind.ACCESS_TOKEN, hash, Presentation.Outcome.REJECTED_EXPIRED,
                a.subject.resourceId());
            return ApiResult.error(401, "Invalid JWT");
        }
        log(now, endpoint, Presentation.Kind.ACCESS_TOKEN, hash, Presentation.Outcome.ACCEPTED,
            a.subject.resourceId());
        return a.subject;
    }

    // ---------------------------------------------------------------- /oauth/locationToken

    synchronized ApiResult mintLocationToken(Subject company, String companyId, String locationId) {
        if (!company.isCompany()) {
            return ApiResult.error(401, "This route is not yet supported by the IAM Service.");
        }
        if (!hasScope(company, "oauth.write")) {
            return ApiResult.error(401, "The token is not authorized for this scope.");
        }
        if (companyId == null || locationId == null) {
            return ApiResult.error(422, "companyId and locationId are required");
        }
        if (!company.companyId().equals(companyId) || !locationNames.containsKey(locationId)) {
            return ApiResult.error(400, "Location not found for this company");
        }
        if (!installedLocations.contains(locationId)) {
            return ApiResult.error(400, "The app is not installed for this location");
        }
        if (inactiveLocations.contains(locationId)) {
            return ApiResult.error(400, LOCATION_NOT_ACTIVE);
        }
        Instant now = clock.instant();
        Subject location = new Subject("Location", companyId, locationId, company.scope(), List.of(), false, false,
            company.userId());
        long grantId = ++nextGrantId;
        grants.put(grantId, location);
        return ApiResult.ok(issuePair(location, grantId, config.locationTokenIncludesRefreshToken(), now,
            "POST /oauth/locationToken"));
    }

    // ---------------------------------------------------------------- /oauth/installedLocations

    synchronized ApiResult installedLocations(Subject company, String companyId, String appId, int skip, int limit,
                                              String isInstalled) {
        if (!company.isCompany()) {
            return ApiResult.error(401, "This route is not yet supported by the IAM Service.");
        }
        if (!hasScope(company, "oauth.readonly") && !hasScope(company, "oauth.write")) {
            return ApiResult.error(401, "The token is not authorized for this scope.");
        }
        if (companyId == null || appId == null) {
            return ApiResult.error(422, "companyId and appId are required");
        }
        if (!company.companyId().equals(companyId)) {
            return ApiResult.error(403, "The token does not have access to this company");
        }
        if (!config.appId().equals(appId)) {
            return ApiResult.error(404, "App not found");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map.Entry<String, String> e : locationNames.entrySet()) {
            boolean installed = installedLocations.contains(e.getKey());
            if (isInstalled != null && Boolean.parseBoolean(isInstalled) != installed) {
                continue;
            }
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("_id", e.getKey());
            l.put("name", e.getValue());
            l.put("address", "1 Simulation Way");
            l.put("isInstalled", installed);
            l.put("versionId", config.versionId());
            all.add(l);
        }
        int from = Math.min(Math.max(skip, 0), all.size());
        int to = Math.min(from + Math.max(limit, 0), all.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("locations", new ArrayList<>(all.subList(from, to)));
        body.put("count", all.size());
        body.put("installToFutureLocations", installToFutureLocations);
        body.put("traceId", ids.uuid().toString());
        return ApiResult.ok(body);
    }

    // ---------------------------------------------------------------- uninstall, locations, plans

    /** Developer- or user-initiated uninstall: revokes the affected grants and sends UNINSTALL webhooks. */
    synchronized ApiResult uninstall(String companyId, String locationId) {
        Instant now = clock.instant();
        if (locationId != null && !locationId.isBlank()) {
            if (!installedLocations.remove(locationId)) {
                return ApiResult.error(400, "The app is not installed for this location");
            }
            revokeWhere(s -> locationId.equals(s.locationId()));
            Map<String, Object> event = baseEvent("UNINSTALL", now);
            event.put("locationId", locationId);
            webhooks.accept(event);
            return ApiResult.ok(Map.of("succeded", true, "traceId", ids.uuid().toString()));
        }
        if (companyId == null || !companyId.equals(config.companyId())) {
            return ApiResult.error(400, "companyId or locationId is required");
        }
        if (!companyInstalled && installedLocations.isEmpty()) {
            return ApiResult.error(400, "The app is not installed for this company");
        }
        List<String> removed = new ArrayList<>(installedLocations);
        installedLocations.clear();
        companyInstalled = false;
        installToFutureLocations = false;
        revokeWhere(s -> true);
        Map<String, Object> event = baseEvent("UNINSTALL", now);
        event.put("companyId", companyId);
        webhooks.accept(event);
        if (config.uninstallCascadeWebhooks()) {
            for (String id : removed) {
                Map<String, Object> perLocation = baseEvent("UNINSTALL", now);
                perLocation.put("locationId", id);
                webhooks.accept(perLocation);
            }
        }
        return ApiResult.ok(Map.of("succeded", true, "traceId", ids.uuid().toString()));
    }

    private void revokeWhere(java.util.function.Predicate<Subject> which) {
        grants.forEach((id, subject) -> {
            if (which.test(subject)) {
                revokedGrants.add(id);
            }
        });
    }

    /** Revokes every grant of a location (or of the company when locationId is null) without uninstalling. */
    synchronized int revoke(String companyId, String locationId) {
        int before = revokedGrants.size();
        if (locationId != null) {
            revokeWhere(s -> locationId.equals(s.locationId()));
        } else {
            revokeWhere(s -> s.companyId().equals(companyId) && s.locationId() == null);
        }
        return revokedGrants.size() - before;
    }

    synchronized void setLocationActive(String locationId, boolean active) {
        if (!locationNames.containsKey(locationId)) {
            throw new IllegalArgumentException("unknown location " + locationId);
        }
        if (active) {
            inactiveLocations.remove(locationId);
        } else {
            inactiveLocations.add(locationId);
        }
    }

    /** Creates a new location in the agency: LocationCreate, plus INSTALL when the app installs to future ones. */
    synchronized String createLocation(String name) {
        String id = SimulatorConfig.locationId(nextLocationNumber++);
        String locationName = name == null || name.isBlank() ? "Simulated Location " + id : name;
        locationNames.put(id, locationName);
        Instant now = clock.instant();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "LocationCreate");
        event.put("id", id);
        event.put("companyId", config.companyId());
        event.put("name", locationName);
        event.put("email", id + "@example.invalid");
        event.put("timestamp", now.toString());
        event.put("webhookId", ids.uuid().toString());
        webhooks.accept(event);
        if (companyInstalled && installToFutureLocations) {
            installedLocations.add(id);
            webhooks.accept(installEvent("Location", id, null, now));
        }
        return id;
    }

    synchronized void planChange(String locationId, String newPlanId) {
        Map<String, Object> event = baseEvent("PLAN_CHANGE", clock.instant());
        event.put("locationId", locationId);
        event.put("companyId", config.companyId());
        event.put("currentPlanId", config.planId());
        event.put("newPlanId", newPlanId);
        webhooks.accept(event);
    }

    synchronized Map<String, Object> location(String locationId) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("id", locationId);
        location.put("companyId", config.companyId());
        location.put("name", locationNames.get(locationId));
        return Map.of("location", location, "traceId", ids.uuid().toString());
    }

    synchronized boolean isInstalled(String locationId) {
        return installedLocations.contains(locationId);
    }

    synchronized boolean isCompanyInstalled() {
        return companyInstalled;
    }

    static boolean hasScope(Subject subject, String scope) {
        for (String s : subject.scope().split("\\s+")) {
            if (s.equals(scope)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- observability

    private void log(Instant at, String endpoint, Presentation.Kind kind, String hash, Presentation.Outcome outcome,
                     String resource) {
        presentations.add(new Presentation(at, endpoint, kind, hash, outcome, resource));
    }

    synchronized List<Presentation> presentations() {
        return List.copyOf(presentations);
    }

    synchronized PresentationSummary presentationSummary() {
        Map<String, Long> refreshByOutcome = new TreeMap<>();
        Map<String, Long> byKindAndOutcome = new TreeMap<>();
        Map<String, Integer> perResource = new LinkedHashMap<>();
        Map<String, Integer> acceptedPerResource = new LinkedHashMap<>();
        long refreshPresentations = 0;
        Instant first = null;
        Instant last = null;
        for (Presentation p : presentations) {
            if (!p.isPresentation()) {
                continue;
            }
            byKindAndOutcome.merge(p.kind() + " " + p.outcome(), 1L, Long::sum);
            if (p.kind() != Presentation.Kind.REFRESH_TOKEN) {
                continue;
            }
            refreshPresentations++;
            refreshByOutcome.merge(p.outcome().name(), 1L, Long::sum);
            String resource = String.valueOf(p.resourceId());
            perResource.merge(resource, 1, Integer::sum);
            if (p.outcome() == Presentation.Outcome.ACCEPTED) {
                acceptedPerResource.merge(resource, 1, Integer::sum);
            }
            first = first == null || p.at().isBefore(first) ? p.at() : first;
            last = last == null || p.at().isAfter(last) ? p.at() : last;
        }
        return new PresentationSummary(refreshPresentations, refreshByOutcome, perResource.size(),
            histogram(perResource), histogram(acceptedPerResource), first, last, byKindAndOutcome);
    }

    private static Map<Integer, Long> histogram(Map<String, Integer> countsByResource) {
        Map<Integer, Long> histogram = new TreeMap<>();
        countsByResource.values().forEach(n -> histogram.merge(n, 1L, Long::sum));
        return histogram;
    }

    synchronized InvariantReport report(long tooMany, Map<String, Integer> maxByResource) {
        int max = maxByResource.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new InvariantReport(List.copyOf(acceptedMoreThanOnce), List.copyOf(reusedOutsideGrace),
            invalidGrantFromReuse, invalidGrantTotal, graceReplays, max, maxByResource, tooMany,
            new TreeMap<>(requestsPerEndpoint), invalidClient);
    }

    private static String urlEncode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    static Duration parseDuration(Object value) {
        if (value == null) {
            return Duration.ZERO;
        }
        if (value instanceof Number n) {
            return Duration.ofMillis(n.longValue());
        }
        return Duration.parse(value.toString());
    }
}
