package io.accesshub.adapter.ghl;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.Optional;

/**
 * One marketplace app ({@code accesshub.apps.<name>.*}): OAuth client credentials, requested scopes, redirect URI and
 * how its authorization page is reached. The client secret stays in this adapter.
 */
@EachProperty("accesshub.apps")
public class AppConfiguration {

    private final String name;
    private String clientId;
    private String clientSecret;
    private String scopes = "";
    private String redirectUri;
    private String listing = "standard";
    private String authorizationUrl;
    private String versionId;
    private String loginWindowOpenMode;
    private boolean defaultApp;
    private String locationTokenPolicy = "refresh-own-token-then-remint";
    private String ssoSecret;

    public AppConfiguration(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /** Space-separated scopes the app asks for. */
    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    /** {@code standard} or {@code white-label}: which authorization host the install link uses. */
    public String getListing() {
        return listing;
    }

    public void setListing(String listing) {
        this.listing = listing;
    }

    /** Overrides the authorization page URL entirely (e.g. the simulator). */
    public Optional<String> getAuthorizationUrl() {
        return Optional.ofNullable(authorizationUrl);
    }

    public void setAuthorizationUrl(String authorizationUrl) {
        this.authorizationUrl = authorizationUrl;
    }

    public Optional<String> getVersionId() {
        return Optional.ofNullable(versionId);
    }

    public void setVersionId(String versionId) {
        this.versionId = versionId;
    }

    public Optional<String> getLoginWindowOpenMode() {
        return Optional.ofNullable(loginWindowOpenMode);
    }

    public void setLoginWindowOpenMode(String loginWindowOpenMode) {
        this.loginWindowOpenMode = loginWindowOpenMode;
    }

    /** Whether this app serves requests that name no app when several apps are configured. */
    public boolean isDefault() {
        return defaultApp;
    }

    public void setDefault(boolean defaultApp) {
        this.defaultApp = defaultApp;
    }

    /** {@code refresh-own-token-then-remint} (default) or {@code always-remint}. */
    public String getLocationTokenPolicy() {
        return locationTokenPolicy;
    }

    public void setLocationTokenPolicy(String locationTokenPolicy) {
        this.locationTokenPolicy = locationTokenPolicy;
    }

    /**
     * The app's Shared Secret for custom-page SSO ({@code accesshub.apps.<name>.sso-secret}); never logged. Empty when
     * the app does not use SSO.
     */
    public Optional<String> getSsoSecret() {
        return Optional.ofNullable(ssoSecret).filter(s -> !s.isEmpty());
    }

    public void setSsoSecret(String ssoSecret) {
        this.ssoSecret = ssoSecret;
    }

    @Override
    public String toString() {
        return "AppConfiguration[" + name + ", clientId=" + clientId + ", clientSecret=<redacted>"
            + (ssoSecret == null ? "" : ", ssoSecret=<redacted>") + "]";
    }
}
