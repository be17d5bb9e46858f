package io.accesshub.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.RejectionReportResult;
import io.accesshub.application.port.in.ReportRejectedTokenUseCase;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.TokenReads;
import io.accesshub.application.port.out.TokenView;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.grant.RejectionReportLimit;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Reports of tokens HighLevel rejected. The report is first answered like a token read (the caller's scope, the
 * app, the installation's state), against the stored token rather than one this instance cached; a report whose
 * digest does not name that token is stale and changes nothing. One naming it starts a re-validation, at most one at a
 * time per installation in this JVM ({@link SingleFlight}: concurrent reports share it), counted against
 * {@link RejectionReportLimit} only when the token is still current once it starts; the re-validation itself is the
 * refresh engine's ({@link GrantRefresher#refreshRejected}), fenced across instances. The answer is then read again
 * through the token API. Only the token a report hands out is counted in the token-read audit: one, however often
 * the report read it ({@link TokenService#handedOut}); a report answered 429 hands out none.
 */
public final class RejectedTokenReportService implements ReportRejectedTokenUseCase {

    /** How many installations' recent re-validation starts are remembered (least recently used ones go first). */
    private static final long REMEMBERED_INSTALLATIONS = 100_000;

    /** What a re-validation came to. */
    private sealed interface Revalidation {
        /** The grant is usable (refreshed, or the token changed meanwhile): read the answer through the token API. */
        record Settled() implements Revalidation {
        }

        /** The installation's re-validations are spent; nothing was done. */
        record Limited(Duration retryAfter) implements Revalidation {
        }

        /** The re-validation left no usable grant; this is the token API's answer. */
        record Unusable(TokenResult answer) implements Revalidation {
        }
    }

    private final TokenService tokens;
    private final TokenReads reads;
    private final GrantRefresher refresher;
    private final TokenCaches caches;
    private final RejectionReportLimit limit;
    private final Clock clock;
    private final SingleFlight<InstallationKey, Revalidation> flights = new SingleFlight<>();
    private final Cache<InstallationKey, List<Instant>> starts = Caffeine.newBuilder()
        .maximumSize(REMEMBERED_INSTALLATIONS).executor(Runnable::run).build();

    public RejectedTokenReportService(TokenService tokens, TokenReads reads, GrantRefresher refresher,
                                      TokenCaches caches, RejectionReportLimit limit, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RejectionReportResult reportForLocation(Caller caller, Optional<MarketplaceAppId> app,
                                                   LocationId locationId, AccessTokenDigest rejected) {
        return report(caller, rejected, TokenCaches.Key.location(app, locationId),
            () -> tokens.uncountedForLocation(caller, app, locationId));
    }

    @Override
    public RejectionReportResult reportForCompany(Caller caller, Optional<MarketplaceAppId> app, CompanyId companyId,
                                                  AccessTokenDigest rejected) {
        return report(caller, rejected, TokenCaches.Key.company(app, companyId),
            () -> tokens.uncountedForCompany(caller, app, companyId));
    }

    private RejectionReportResult report(Caller caller, AccessTokenDigest rejected, TokenCaches.Key read,
                                         Supplier<TokenResult> tokenApi) {
        Objects.requireNonNull(rejected, "rejected");
        caches.forget(read);
        TokenResult current = tokenApi.get();
        if (!(current instanceof TokenResult.Issued issued) || !rejected.matches(issued.accessToken())) {
            return answered(caller, current);
        }
        Revalidation revalidation = flights.run(issued.installationKey(),
            () -> revalidate(issued.installationKey(), rejected));
        if (revalidation instanceof Revalidation.Limited limited) {
            return new RejectionReportResult.RateLimited(limited.retryAfter());
        }
        if (revalidation instanceof Revalidation.Unusable unusable) {
            return answered(caller, unusable.answer());
        }
        caches.forget(read);
        return answered(caller, tokenApi.get());
    }

    /** The report's answer, counted in the token-read audit when it hands out a token. */
    private RejectionReportResult answered(Caller caller, TokenResult answer) {
        return new RejectionReportResult.Answered(tokens.handedOut(caller, answer));
    }

    /**
     * Checks the stored token again (a report that waited for an earlier re-validation may be stale by now), counts
     * the re-validation and hands it to the refresh engine.
     */
    private Revalidation revalidate(InstallationKey key, AccessTokenDigest rejected) {
        Optional<TokenView> view = reads.installation(key);
        boolean stillCurrent = view.flatMap(TokenView::access)
            .map(access -> rejected.matches(access.accessToken())).orElse(false);
        if (!stillCurrent) {
            return new Revalidation.Settled();
        }
        RejectionReportLimit.Decision decision = admit(key, clock.instant());
        if (decision instanceof RejectionReportLimit.Decision.Refused refused) {
            return new Revalidation.Limited(refused.retryAfter());
        }
        RefreshResult result = refresher.refreshRejected(view.get().installationId(), rejected);
        if (result instanceof RefreshResult.Usable usable && rejected.matches(usable.grant().accessToken())) {
            // joined a refresh that was running for another reason and left the token as it was: ask once more
            result = refresher.refreshRejected(view.get().installationId(), rejected);
        }
        return RefreshAnswers.unusable(result).<Revalidation>map(Revalidation.Unusable::new)
            .orElseGet(Revalidation.Settled::new);
    }

    /** Decides on a re-validation now and remembers it when admitted (only the newest starts matter). */
    private RejectionReportLimit.Decision admit(InstallationKey key, Instant now) {
        AtomicReference<RejectionReportLimit.Decision> decision = new AtomicReference<>();
        starts.asMap().compute(key, (k, earlier) -> {
            List<Instant> before = earlier == null ? List.of() : earlier;
            decision.set(limit.decide(before, now));
            if (decision.get() instanceof RejectionReportLimit.Decision.Refused) {
                return earlier;
            }
            List<Instant> kept = new ArrayList<>(before);
            kept.add(now);
            return List.copyOf(kept.subList(Math.max(0, kept.size() - limit.perWindow()), kept.size()));
        });
        return decision.get();
    }
}
