package io.accesshub.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The two in-memory caches of token reads, both Caffeine caches bounded to {@code maximumSize} entries with
 * expire-after-write: usable tokens for {@code ttl} (zero disables that cache), and locations that no agency could
 * mint a token for, for {@link #NOT_MINTABLE_FOR}. Both tick with the hub's {@link Clock}, so tests move time by moving
 * the clock; eviction runs on the calling thread.
 */
public final class TokenCaches {

    /** How long a location that no agency could mint for is not tried again. */
    public static final Duration NOT_MINTABLE_FOR = Duration.ofMinutes(1);

    private final Optional<Cache<Key, TokenResult.Issued>> tokens;
    private final Cache<Key, Boolean> notMintable;

    private TokenCaches(Optional<Cache<Key, TokenResult.Issued>> tokens, Cache<Key, Boolean> notMintable) {
        this.tokens = tokens;
        this.notMintable = notMintable;
    }

    /**
     * Caches tokens for {@code ttl} (none when zero) and unmintable locations for a minute, each cache holding at most
     * {@code maximumSize} entries.
     */
    public static TokenCaches create(Duration ttl, long maximumSize, Clock clock) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the token cache TTL must not be negative");
        }
        if (maximumSize < 1) {
            throw new IllegalArgumentException("the token cache must hold at least one entry");
        }
        Ticker ticker = ticker(clock);
        Optional<Cache<Key, TokenResult.Issued>> tokens = ttl.isZero() ? Optional.empty()
            : Optional.of(Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).ticker(ticker)
                .executor(Runnable::run).build());
        Cache<Key, Boolean> notMintable = Caffeine.newBuilder().maximumSize(maximumSize)
            .expireAfterWrite(NOT_MINTABLE_FOR).ticker(ticker).executor(Runnable::run).build();
        return new TokenCaches(tokens, notMintable);
    }

    /** Nanoseconds of the clock since the caches were made (Caffeine only compares ticker readings). */
    private static Ticker ticker(Clock clock) {
        long origin = clock.instant().getEpochSecond();
        return () -> {
            Instant now = clock.instant();
            return (now.getEpochSecond() - origin) * 1_000_000_000L + now.getNano();
        };
    }

    /** The cached token for this read, if one was stored within the TTL. */
    Optional<TokenResult.Issued> token(Key key) {
        return tokens.map(cache -> cache.getIfPresent(key));
    }

    /** Caches an issued token for this read, or forgets the read's token when the read issued none. */
    void remember(Key key, TokenResult result) {
        tokens.ifPresent(cache -> {
            if (result instanceof TokenResult.Issued issued) {
                cache.put(key, issued);
            } else {
                cache.invalidate(key);
            }
        });
    }

    /** Forgets the cached token of this read, so that the next read looks at the stored one. */
    void forget(Key key) {
        tokens.ifPresent(cache -> cache.invalidate(key));
    }

    /** Whether a mint for this location failed within the last minute. */
    boolean isNotMintable(Key key) {
        return notMintable.getIfPresent(key) != null;
    }

    /** Records that no agency could mint a token for this location. */
    void markNotMintable(Key key) {
        notMintable.put(key, Boolean.TRUE);
    }

    /** How many tokens are cached now, after pending evictions ran (for tests and diagnostics). */
    public long cachedTokens() {
        return tokens.map(cache -> {
            cache.cleanUp();
            return cache.estimatedSize();
        }).orElse(0L);
    }

    /** Cache key: the app as the caller named it (empty = the default app) and the location or agency read. */
    public record Key(Optional<MarketplaceAppId> app, Resource resource, String id) {

        /** Which kind of resource a token is read for. */
        public enum Resource { LOCATION, COMPANY }

        public Key {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(id, "id");
        }

        /** A read of a location's token. */
        public static Key location(Optional<MarketplaceAppId> app, LocationId location) {
            return new Key(app, Resource.LOCATION, location.value());
        }

        /** A read of an agency's token. */
        public static Key company(Optional<MarketplaceAppId> app, CompanyId company) {
            return new Key(app, Resource.COMPANY, company.value());
        }
    }
}
