package io.accesshub.application.port.in;

import io.accesshub.application.port.out.HighLevelApi;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls HighLevel's API for a location or an agency with its token, within the app's shared rate budget: the hub
 * picks the token, waits fairly for budget up to the caller's deadline, retries HighLevel's 429s inside it, and
 * re-validates a token HighLevel rejected. The HTTP proxy and services embedding the hub both use it.
 */
public interface HighLevelCalls {

    /** Makes one call for {@code caller}; never throws for HighLevel's answers or a spent budget. */
    HighLevelCallResult call(Caller caller, HighLevelCall call);

    /**
     * Like {@link #call(Caller, HighLevelCall)}, but each attempt is sent through {@code via} (an HTTP client filter
     * sends it on its own client): the hub still picks the token, waits for budget, learns from the answer's budget
     * headers and re-validates a rejected token.
     */
    HighLevelCallResult call(Caller caller, HighLevelCall call, HighLevelApi via);

    /** Which token a call is made with: a location's or an agency's, of the named app or the default one. */
    record Resource(Optional<MarketplaceAppId> app, Optional<LocationId> location, Optional<CompanyId> company) {
        public Resource {
            Objects.requireNonNull(app, "app");
            if (location.isPresent() == company.isPresent()) {
                throw new IllegalArgumentException("a call is for a location or for a company");
            }
        }

        public static Resource location(Optional<MarketplaceAppId> app, LocationId location) {
            return new Resource(app, Optional.of(location), Optional.empty());
        }

        public static Resource company(Optional<MarketplaceAppId> app, CompanyId company) {
            return new Resource(app, Optional.empty(), Optional.of(company));
        }
    }

    /**
     * One call: method, the path under HighLevel's API base as the caller wrote it (percent-encoded), the raw query
     * string, the caller's headers (the hub drops those that may not cross), the body and how long it may wait.
     */
    record HighLevelCall(Resource resource, String method, String path, Optional<String> rawQuery,
                         Map<String, List<String>> headers, byte[] body, Duration maxWait) {
        public HighLevelCall {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(rawQuery, "rawQuery");
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
            Objects.requireNonNull(maxWait, "maxWait");
        }
    }
}
