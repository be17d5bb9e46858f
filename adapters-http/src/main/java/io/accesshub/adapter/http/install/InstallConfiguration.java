package io.accesshub.adapter.http.install;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Optional;

/** Browser install settings ({@code accesshub.install.*}). */
@ConfigurationProperties("accesshub.install")
public class InstallConfiguration {

    private String successRedirectUrl;
    private int marketplaceCallbacksPerMinute = 20;

    /** Where the browser goes after a successful install; a small success page when unset. */
    public Optional<String> getSuccessRedirectUrl() {
        return Optional.ofNullable(successRedirectUrl).filter(s -> !s.isBlank());
    }

    public void setSuccessRedirectUrl(String successRedirectUrl) {
        this.successRedirectUrl = successRedirectUrl;
    }

    /** Callbacks without a state (marketplace-initiated) accepted per client address and minute. */
    public int getMarketplaceCallbacksPerMinute() {
        return marketplaceCallbacksPerMinute;
    }

    public void setMarketplaceCallbacksPerMinute(int marketplaceCallbacksPerMinute) {
        this.marketplaceCallbacksPerMinute = marketplaceCallbacksPerMinute;
    }
}
