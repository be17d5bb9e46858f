package io.accesshub.adapter.http.install;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Optional;

/** Browser install settings ({@code accesshub.install.*}). */
@ConfigurationProperties("accesshub.install")
public class InstallConfiguration {

    private String successRedirectUrl;
    private int linksPerMinute = 30;
    private int marketplaceCallbacksPerMinute = 20;
    private int appCallbacksPerMinute = 300;

    /** Where the browser goes after a successful install; a small success page when unset. */
    public Optional<String> getSuccessRedirectUrl() {
        return Optional.ofNullable(successRedirectUrl).filter(s -> !s.isBlank());
    }

    public void setSuccessRedirectUrl(String successRedirectUrl) {
        this.successRedirectUrl = successRedirectUrl;
    }

    /** Install links ({@code /oauth/install}) followed per client address and minute, on each instance. */
    public int getLinksPerMinute() {
        return linksPerMinute;
    }

    public void setLinksPerMinute(int linksPerMinute) {
        this.linksPerMinute = linksPerMinute;
    }

    /** Callbacks without a state (marketplace-initiated) accepted per client address and minute, on each instance. */
    public int getMarketplaceCallbacksPerMinute() {
        return marketplaceCallbacksPerMinute;
    }

    public void setMarketplaceCallbacksPerMinute(int marketplaceCallbacksPerMinute) {
        this.marketplaceCallbacksPerMinute = marketplaceCallbacksPerMinute;
    }

    /** Callbacks without a state accepted per app (as named by {@code ?app=}) and minute, on each instance. */
    public int getAppCallbacksPerMinute() {
        return appCallbacksPerMinute;
    }

    public void setAppCallbacksPerMinute(int appCallbacksPerMinute) {
        this.appCallbacksPerMinute = appCallbacksPerMinute;
    }
}
