package io.accesshub.application.port.out;

import io.accesshub.domain.budget.RateLimitSignal;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.proxy.ApiPath;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** HighLevel's API as product calls reach it: one request with a resource's token, sent once, never retried here. */
public interface HighLevelApi {

    /** Sends {@code request} once and returns what came back (or that nothing did). */
    ApiResponse send(ApiRequest request);

    /**
     * A product call as it goes to HighLevel: the method, the path under the API base, the raw query string, the
     * headers that may cross ({@code Version} included), the body and the bearer token.
     */
    record ApiRequest(MarketplaceAppId app, String method, ApiPath path, Optional<String> rawQuery,
                      Map<String, List<String>> headers, byte[] body, AccessToken bearer) {
        public ApiRequest {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(rawQuery, "rawQuery");
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
            Objects.requireNonNull(bearer, "bearer");
        }

        /** The same call with another token (after re-validation). */
        public ApiRequest withBearer(AccessToken token) {
            return new ApiRequest(app, method, path, rawQuery, headers, body, token);
        }
    }

    /** What came of sending a call; callers switch over it exhaustively. */
    sealed interface ApiResponse {
    }

    /** HighLevel answered: its status, headers (names in lower case), body and what they say about the budget. */
    record Answered(int status, Map<String, List<String>> headers, byte[] body, RateLimitSignal budget)
        implements ApiResponse {
        public Answered {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
            Objects.requireNonNull(budget, "budget");
        }
    }

    /** No answer: the connection failed ({@code sent} false) or the answer did not come in time. */
    record NoAnswer(boolean sent, String cause) implements ApiResponse {
        public NoAnswer {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
