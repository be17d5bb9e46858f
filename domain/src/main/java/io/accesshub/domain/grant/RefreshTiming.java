package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a grant must be refreshed: proactively once its access token enters {@code accessTokenWindow} before
 * expiry, or once its refresh token is within {@code refreshTokenMargin} of its {@code refreshTokenLifetime}
 * (so idle grants never die of age); and, on demand, whether an access token may still be handed out now, i.e.
 * outlives {@code onDemandSafetyMargin}.
 *
 * <p>The on-demand margin must be smaller than the window, so that in steady state the background refresh always
 * gets there first and no token read waits on HighLevel.
 */
public record RefreshTiming(Duration accessTokenWindow, Duration refreshTokenLifetime, Duration refreshTokenMargin,
                            Duration onDemandSafetyMargin) {

    /** 30 minutes window, 365 days refresh token life with a 30-day margin, 60 seconds on-demand margin. */
    public static final RefreshTiming DEFAULT = new RefreshTiming(Duration.ofMinutes(30), Duration.ofDays(365),
            Duration.ofDays(30), Duration.ofSeconds(60));

    public RefreshTiming {
        Objects.requireNonNull(accessTokenWindow, "accessTokenWindow");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
        Objects.requireNonNull(refreshTokenMargin, "refreshTokenMargin");
        Objects.requireNonNull(onDemandSafetyMargin, "onDemandSafetyMargin");
        DomainException.require(!accessTokenWindow.isNegative() && !accessTokenWindow.isZero(), "access token window must be positive");
        DomainException.require(!refreshTokenLifetime.isNegative() && !refreshTokenLifetime.isZero(), "refresh token lifetime must be positive");
        DomainException.require(!refreshTokenMargin.isNegative() && refreshTokenMargin.compareTo(refreshTokenLifetime) < 0,
                "refresh token margin must be at least zero and shorter than the refresh token lifetime");
        DomainException.require(!onDemandSafetyMargin.isNegative()
                        && onDemandSafetyMargin.compareTo(accessTokenWindow) < 0,
                "on-demand safety margin must be at least zero and shorter than the access token window");
    }

    /**
     * Whether the grant is due at {@code now}, and since or until when. An expired or expiring access token is
     * reported before an aging refresh token (it is the more urgent reason; either refresh cures both).
     */
    public RefreshAssessment assess(Grant grant, Instant now) {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(now, "now");
        Instant accessDue = accessDueAt(grant);
        if (!grant.accessTokenValidAt(now)) {
            return new RefreshAssessment.Due(RefreshDue.ACCESS_TOKEN_EXPIRED, accessDue);
        }
        if (!now.isBefore(accessDue)) {
            return new RefreshAssessment.Due(RefreshDue.ACCESS_TOKEN_EXPIRING, accessDue);
        }
        Instant due = dueAt(grant);
        if (now.isBefore(due)) {
            return new RefreshAssessment.NotDue(due);
        }
        return new RefreshAssessment.Due(RefreshDue.REFRESH_TOKEN_AGING, due);
    }

    /** The earliest instant the grant becomes due (what a scheduler orders by). */
    public Instant dueAt(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        Instant accessDue = accessDueAt(grant);
        if (grant.refreshToken().isEmpty()) {
            return accessDue;
        }
        Instant agingDue = refreshTokenDueAt(grant);
        return agingDue.isBefore(accessDue) ? agingDue : accessDue;
    }

    /** Whether the access token may be handed out at {@code now}: it outlives the on-demand safety margin. */
    public boolean isUsableAt(Grant grant, Instant now) {
        Objects.requireNonNull(grant, "grant");
        return isUsableAt(grant.accessTokenExpiresAt(), now);
    }

    /**
     * Whether an access token expiring at {@code accessTokenExpiresAt} may be handed out at {@code now}: it outlives
     * the on-demand safety margin (for readers that hold the expiry but not the whole grant, such as a cache).
     */
    public boolean isUsableAt(Instant accessTokenExpiresAt, Instant now) {
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(now, "now");
        return now.plus(onDemandSafetyMargin).isBefore(accessTokenExpiresAt);
    }

    private Instant accessDueAt(Grant grant) {
        return grant.accessTokenExpiresAt().minus(accessTokenWindow);
    }

    private Instant refreshTokenDueAt(Grant grant) {
        return grant.issuedAt().plus(refreshTokenLifetime).minus(refreshTokenMargin);
    }
}
