package io.accesshub.application.service;

import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import java.util.Optional;

/** How a refresh that left no usable grant is answered to a token reader: the one mapping both token paths share. */
final class RefreshAnswers {

    private RefreshAnswers() {
    }

    /** The token API's answer for a refresh that ended without a usable grant; empty when the grant is usable. */
    static Optional<TokenResult> unusable(RefreshResult result) {
        if (result instanceof RefreshResult.Usable) {
            return Optional.empty();
        }
        if (result instanceof RefreshResult.Suspended suspended) {
            return Optional.of(new TokenResult.Suspended(suspended.reason()));
        }
        if (result instanceof RefreshResult.NeedsReauth lost) {
            return Optional.of(new TokenResult.NeedsReauthorization(lost.reason()));
        }
        if (result instanceof RefreshResult.Gone) {
            return Optional.of(new TokenResult.NotInstalled());
        }
        if (result instanceof RefreshResult.AppMisconfigured misconfigured) {
            return Optional.of(new TokenResult.AppMisconfigured(misconfigured.app()));
        }
        return Optional.of(new TokenResult.MarketplaceUnavailable(((RefreshResult.Unavailable) result).retryAfter()));
    }
}
