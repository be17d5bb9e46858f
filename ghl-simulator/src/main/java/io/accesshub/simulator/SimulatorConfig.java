package io.accesshub.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of one simulated HighLevel: one agency with its locations, one marketplace app, limits,
 * lifetimes, clock and webhook behaviour; start from {@link #defaults()} or {@link #builder()}.
 *
 * @param host                              interface to bind (default {@code 127.0.0.1})
 * @param port                              port to bind, 0 = random free port
 * @param companyId                         the agency's id
 * @param companyName                       the agency's name (sent in INSTALL webhooks)
 * @param locationCount                     number of locations, ids {@code sim-loc-0001}...
 * @param appId                             marketplace app id (the part of the client id before the dash)
 * @param clientIdSuffix                    client id is {@code appId + "-" + clientIdSuffix}
 * @param clientSecret                      the app's client secret
 * @param scopes                            scopes registered on the app
 * @param redirectUris                      redirect URIs registered on the app (exact match)
 * @param webhookUrl                        default webhook URL, may be null and set later
 * @param distributionType                  who may install the app
 * @param versionId                         app version id (in INSTALL webhooks and installedLocations)
 * @param planId                            plan id reported in tokens and webhooks
 * @param seed                              seed for ids, tokens and webhook key pairs (same seed, same keys)
 * @param rateLimitPerWindow                burst limit per resource (100)
 * @param rateLimitWindow                   burst window (10 s)
 * @param dailyLimit                        daily limit per resource (200,000)
 * @param refreshGraceWindow                same-pair replay window for a rotated refresh token; ZERO = off
 * @param authorizationCodeLifetime         lifetime of an authorization code
 * @param accessTokenLifetime               lifetime of access tokens (86399 s)
 * @param refreshTokenLifetime              lifetime of refresh tokens (365 days)
 * @param locationTokenIncludesRefreshToken whether /oauth/locationToken returns a refresh_token (current docs: yes)
 * @param includeApprovedLocations          whether Company token responses carry approvedLocations
 * @param clockMode                         FROZEN (moves only when advanced) or TICKING (real time plus offset)
 * @param startInstant                      simulated start time; null = the real time at start
 * @param webhookRetryInterval              delay before re-sending a delivery answered 429 (HighLevel: ~10 min)
 * @param webhookRetryJitter                maximum random extra delay added to each retry (seeded)
 * @param webhookMaxRetries                 retries after the first attempt (HighLevel: 6)
 * @param webhookTimeout                    HTTP timeout of one delivery attempt
 * @param sendEd25519Signature              send {@code X-GHL-Signature}
 * @param sendRsaSignature                  send {@code X-WH-Signature} (legacy)
 * @param rsaKeySize                        RSA key size for {@code X-WH-Signature}
 * @param companyInstallWebhook             an agency install also sends one INSTALL with installType Company
 * @param uninstallCascadeWebhooks          an agency uninstall also sends one UNINSTALL per installed location
 * @param serverThreads                     size of the bounded request thread pool
 * @param ssoSecret                         the app's Shared Secret for custom-page SSO payloads
 */
public record SimulatorConfig(
        String host,
        int port,
        String companyId,
        String companyName,
        int locationCount,
        String appId,
        String clientIdSuffix,
        String clientSecret,
        List<String> scopes,
        List<String> redirectUris,
        String webhookUrl,
        DistributionType distributionType,
        String versionId,
        String planId,
        long seed,
        int rateLimitPerWindow,
        Duration rateLimitWindow,
        long dailyLimit,
        Duration refreshGraceWindow,
        Duration authorizationCodeLifetime,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        boolean locationTokenIncludesRefreshToken,
        boolean includeApprovedLocations,
        ClockMode clockMode,
        Instant startInstant,
        Duration webhookRetryInterval,
        Duration webhookRetryJitter,
        int webhookMaxRetries,
        Duration webhookTimeout,
        boolean sendEd25519Signature,
        boolean sendRsaSignature,
        int rsaKeySize,
        boolean companyInstallWebhook,
        boolean uninstallCascadeWebhooks,
        int serverThreads,
        String ssoSecret) {

    /** Who may install the app, as on the marketplace listing. */
    public enum DistributionType { AGENCY, SUB_ACCOUNT, AGENCY_AND_SUB_ACCOUNT }

    /** How simulated time moves. */
    public enum ClockMode { FROZEN, TICKING }

    /** Default app id. */
    public static final String DEFAULT_APP_ID = "65f0c0ffee0123456789abcd";

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(ssoSecret, "ssoSecret");
        Objects.requireNonNull(clockMode, "clockMode");
        Objects.requireNonNull(distributionType, "distributionType");
        if (locationCount < 0 || locationCount > 100_000) {
            throw new IllegalArgumentException("locationCount must be within 0..100000");
        }
        if (rateLimitPerWindow < 1 || dailyLimit < 1) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        if (appId.contains("-")) {
            throw new IllegalArgumentException("appId must not contain a dash");
        }
        scopes = List.copyOf(scopes);
        redirectUris = List.copyOf(redirectUris);
        refreshGraceWindow = refreshGraceWindow == null ? Duration.ZERO : refreshGraceWindow;
    }

    /** Defaults: 10 locations, HighLevel's limits and lifetimes, a TICKING clock, both signatures on. */
    public static SimulatorConfig defaults() {
        return builder().build();
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The OAuth client id, {@code appId-suffix}. */
    public String clientId() {
        return appId + "-" + clientIdSuffix;
    }

    /** The scopes as one space-separated string. */
    public String scopeString() {
        return String.join(" ", scopes);
    }

    /** Id of the n-th location (1-based), e.g. {@code sim-loc-0001}. */
    public static String locationId(int n) {
        return String.format("sim-loc-%04d", n);
    }

    /** Whether the refresh-token grace window is on. */
    public boolean graceWindowEnabled() {
        return !refreshGraceWindow.isZero() && !refreshGraceWindow.isNegative();
    }

    /** Builder for {@link SimulatorConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String companyId = "sim-company-1";
        private String companyName = "Simulated Agency";
        private int locationCount = 10;
        private String appId = DEFAULT_APP_ID;
        private String clientIdSuffix = "sim01abc";
        private String clientSecret = "sim-client-secret-7f3a9c21";
        private List<String> scopes = List.of("oauth.write", "oauth.readonly", "locations.readonly",
                "contacts.readonly", "contacts.write");
        private List<String> redirectUris = List.of("http://localhost:8080/oauth/callback");
        private String webhookUrl;
        private DistributionType distributionType = DistributionType.AGENCY_AND_SUB_ACCOUNT;
        private String versionId = "65f0c0ffee0123456789abce";
        private String planId = "sim-plan-basic";
        private long seed = 42L;
        private int rateLimitPerWindow = 100;
        private Duration rateLimitWindow = Duration.ofSeconds(10);
        private long dailyLimit = 200_000L;
        private Duration refreshGraceWindow = Duration.ofSeconds(30);
        private Duration authorizationCodeLifetime = Duration.ofMinutes(10);
        private Duration accessTokenLifetime = Duration.ofSeconds(86_399);
        private Duration refreshTokenLifetime = Duration.ofDays(365);
        private boolean locationTokenIncludesRefreshToken = true;
        private boolean includeApprovedLocations = true;
        private ClockMode clockMode = ClockMode.TICKING;
        private Instant startInstant;
        private Duration webhookRetryInterval = Duration.ofMinutes(10);
        private Duration webhookRetryJitter = Duration.ofSeconds(30);
        private int webhookMaxRetries = 6;
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private boolean sendEd25519Signature = true;
        private boolean sendRsaSignature = true;
        private int rsaKeySize = 2048;
        private boolean companyInstallWebhook = true;
        private boolean uninstallCascadeWebhooks = true;
        private int serverThreads = 32;
        private String ssoSecret = "sim-sso-shared-secret-5b1e";

        Builder() {
        }

        Builder(SimulatorConfig c) {
            host = c.host; port = c.port; companyId = c.companyId; companyName = c.companyName;
            locationCount = c.locationCount; appId = c.appId; clientIdSuffix = c.clientIdSuffix;
            clientSecret = c.clientSecret; scopes = c.scopes; redirectUris = c.redirectUris;
            webhookUrl = c.webhookUrl; distributionType = c.distributionType; versionId = c.versionId;
            planId = c.planId; seed = c.seed; rateLimitPerWindow = c.rateLimitPerWindow;
            rateLimitWindow = c.rateLimitWindow; dailyLimit = c.dailyLimit;
            refreshGraceWindow = c.refreshGraceWindow; authorizationCodeLifetime = c.authorizationCodeLifetime;
            accessTokenLifetime = c.accessTokenLifetime; refreshTokenLifetime = c.refreshTokenLifetime;
            locationTokenIncludesRefreshToken = c.locationTokenIncludesRefreshToken;
            includeApprovedLocations = c.includeApprovedLocations; clockMode = c.clockMode;
            startInstant = c.startInstant; webhookRetryInterval = c.webhookRetryInterval;
            webhookRetryJitter = c.webhookRetryJitter; webhookMaxRetries = c.webhookMaxRetries;
            webhookTimeout = c.webhookTimeout; sendEd25519Signature = c.sendEd25519Signature;
            sendRsaSignature = c.sendRsaSignature; rsaKeySize = c.rsaKeySize;
            companyInstallWebhook = c.companyInstallWebhook; uninstallCascadeWebhooks = c.uninstallCascadeWebhooks;
            serverThreads = c.serverThreads; ssoSecret = c.ssoSecret;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder companyId(String v) { companyId = v; return this; }
        public Builder companyName(String v) { companyName = v; return this; }
        public Builder locationCount(int v) { locationCount = v; return this; }
        public Builder appId(String v) { appId = v; return this; }
        public Builder clientIdSuffix(String v) { clientIdSuffix = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder scopes(List<String> v) { scopes = v; return this; }
        public Builder redirectUris(List<String> v) { redirectUris = v; return this; }
        public Builder webhookUrl(String v) { webhookUrl = v; return this; }
        public Builder distributionType(DistributionType v) { distributionType = v; return this; }
        public Builder versionId(String v) { versionId = v; return this; }
        public Builder planId(String v) { planId = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder rateLimitPerWindow(int v) { rateLimitPerWindow = v; return this; }
        public Builder rateLimitWindow(Duration v) { rateLimitWindow = v; return this; }
        public Builder dailyLimit(long v) { dailyLimit = v; return this; }
        public Builder refreshGraceWindow(Duration v) { refreshGraceWindow = v; return this; }
        /** Switches the refresh-token grace window off (strict single use). */
        public Builder noRefreshGraceWindow() { refreshGraceWindow = Duration.ZERO; return this; }
        public Builder authorizationCodeLifetime(Duration v) { authorizationCodeLifetime = v; return this; }
        public Builder accessTokenLifetime(Duration v) { accessTokenLifetime = v; return this; }
        public Builder refreshTokenLifetime(Duration v) { refreshTokenLifetime = v; return this; }
        public Builder locationTokenIncludesRefreshToken(boolean v) { locationTokenIncludesRefreshToken = v; return this; }
        public Builder includeApprovedLocations(boolean v) { includeApprovedLocations = v; return this; }
        public Builder clockMode(ClockMode v) { clockMode = v; return this; }
        public Builder startInstant(Instant v) { startInstant = v; return this; }
        public Builder webhookRetryInterval(Duration v) { webhookRetryInterval = v; return this; }
        public Builder webhookRetryJitter(Duration v) { webhookRetryJitter = v; return this; }
        public Builder webhookMaxRetries(int v) { webhookMaxRetries = v; return this; }
        public Builder webhookTimeout(Duration v) { webhookTimeout = v; return this; }
        public Builder sendEd25519Signature(boolean v) { sendEd25519Signature = v; return this; }
        public Builder sendRsaSignature(boolean v) { sendRsaSignature = v; return this; }
        public Builder rsaKeySize(int v) { rsaKeySize = v; return this; }
        public Builder companyInstallWebhook(boolean v) { companyInstallWebhook = v; return this; }
        public Builder uninstallCascadeWebhooks(boolean v) { uninstallCascadeWebhooks = v; return this; }
        public Builder serverThreads(int v) { serverThreads = v; return this; }
        public Builder ssoSecret(String v) { ssoSecret = v; return this; }

        /** A profile for fast deterministic tests: frozen clock at 2026-01-01T00:00:00Z, no retry jitter. */
        public Builder fastTestProfile() {
            clockMode = ClockMode.FROZEN;
            startInstant = Instant.parse("2026-01-01T00:00:00Z");
            webhookRetryJitter = Duration.ZERO;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, port, companyId, companyName, locationCount, appId, clientIdSuffix,
                    clientSecret, scopes, redirectUris, webhookUrl, distributionType, versionId, planId, seed,
                    rateLimitPerWindow, rateLimitWindow, dailyLimit, refreshGraceWindow, authorizationCodeLifetime,
                    accessTokenLifetime, refreshTokenLifetime, locationTokenIncludesRefreshToken,
                    includeApprovedLocations, clockMode, startInstant, webhookRetryInterval, webhookRetryJitter,
                    webhookMaxRetries, webhookTimeout, sendEd25519Signature, sendRsaSignature, rsaKeySize,
                    companyInstallWebhook, uninstallCascadeWebhooks, serverThreads, ssoSecret);
        }
    }
}
