package io.accesshub.adapter.ghl;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

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
}
