package io.accesshub.adapter.ghl;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Where HighLevel is and how politely to call it ({@code accesshub.highlevel.*}). Timeouts of the HTTP client itself
 * are set on the {@code highlevel} client ({@code micronaut.http.services.highlevel.*}).
 */
@ConfigurationProperties("accesshub.highlevel")
public class HighLevelConfiguration {

    private String apiBaseUrl = "https://services.leadconnectorhq.com";
    private String apiVersion = "2021-07-28";
    private String authorizationUrl = "https://marketplace.gohighlevel.com/v2/oauth/chooselocation";
    private String whiteLabelAuthorizationUrl = "https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation";
    private int requestsPerWindow = 90;
    private Duration window = Duration.ofSeconds(10);
    private Duration maxPacingWait = Duration.ofSeconds(30);
    private InvalidClientConfiguration invalidClient = new InvalidClientConfiguration();

    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getAuthorizationUrl() {
        return authorizationUrl;
    }

    public void setAuthorizationUrl(String authorizationUrl) {
        this.authorizationUrl = authorizationUrl;
    }

    public String getWhiteLabelAuthorizationUrl() {
        return whiteLabelAuthorizationUrl;
    }

    public void setWhiteLabelAuthorizationUrl(String whiteLabelAuthorizationUrl) {
        this.whiteLabelAuthorizationUrl = whiteLabelAuthorizationUrl;
    }

    /** Calls per app and resource allowed in one {@link #getWindow() window}; below HighLevel's 100 per 10 s. */
    public int getRequestsPerWindow() {
        return requestsPerWindow;
    }

    public void setRequestsPerWindow(int requestsPerWindow) {
        this.requestsPerWindow = requestsPerWindow;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    /** How long a call may wait for pacing before it is answered as transient instead. */
    public Duration getMaxPacingWait() {
        return maxPacingWait;
    }

    public void setMaxPacingWait(Duration maxPacingWait) {
        this.maxPacingWait = maxPacingWait;
    }

    /** How a refusal of the app's client credentials is recognised ({@code accesshub.highlevel.invalid-client.*}). */
    public InvalidClientConfiguration getInvalidClient() {
        return invalidClient;
    }

    public void setInvalidClient(InvalidClientConfiguration invalidClient) {
        this.invalidClient = invalidClient == null ? new InvalidClientConfiguration() : invalidClient;
    }

    /**
     * What counts as HighLevel refusing the app's client credentials ({@code invalid_client}) rather than a grant.
     * HighLevel does not document the answer, so both rules are configurable: any of {@link #getStatuses() statuses}
     * from {@code /oauth/token}, or a 400/401 from {@code /oauth/token} or {@code /oauth/locationToken} whose
     * {@code error}, {@code error_description} or {@code message} contains one of {@link #getPatterns() patterns}
     * (case-insensitive). Invalid values fail startup.
     */
    @ConfigurationProperties("invalid-client")
    public static class InvalidClientConfiguration {

        /** Default of {@code statuses}: HighLevel's answer to a wrong client secret. */
        public static final List<Integer> DEFAULT_STATUSES = List.of(401);
        /** Default of {@code patterns}. */
        public static final List<String> DEFAULT_PATTERNS = List.of("invalid_client", "invalid client",
            "client credentials");

        private List<Integer> statuses = DEFAULT_STATUSES;
        private List<String> patterns = DEFAULT_PATTERNS;

        /** Statuses that mean invalid client whenever {@code /oauth/token} answers them (4xx other than 429). */
        public List<Integer> getStatuses() {
            return statuses;
        }

        /** Empty switches the status rule off; 429 and anything outside 400-499 are refused. */
        public void setStatuses(List<Integer> statuses) {
            this.statuses = AnswerRuleSettings.refusalStatuses(statuses, "accesshub.highlevel.invalid-client.statuses",
                Set.of(429));
        }

        /** Lower-case substrings naming an invalid client in a 400/401 body. */
        public List<String> getPatterns() {
            return patterns;
        }

        /** Trimmed and lower-cased; blank entries are dropped, so an empty value switches the pattern rule off. */
        public void setPatterns(List<String> patterns) {
            this.patterns = AnswerRuleSettings.patterns(patterns);
        }
    }
}
