package io.accesshub.adapter.ghl;

import io.accesshub.application.port.out.TokenExchangeOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies HighLevel's refusals of {@code POST /oauth/token} and {@code POST /oauth/locationToken} by cause. Pure: a
 * status and the parsed body in, an outcome out. The first rule that matches wins:
 * <ol>
 *   <li>{@code Location is not active} in any field, any status: {@link TokenExchangeOutcome.LocationNotActive};</li>
 *   <li>429 and 5xx: {@link TokenExchangeOutcome.Transient};</li>
 *   <li>a configured invalid-client status from {@code /oauth/token}, or a 400/401 naming an invalid client:
 *       {@link TokenExchangeOutcome.InvalidClient} (checked before {@code invalid_grant}: when an answer is ambiguous,
 *       stopping the app is recoverable, declaring a grant lost is not);</li>
 *   <li>{@code invalid grant} / {@code invalid_grant}: {@link TokenExchangeOutcome.InvalidGrant};</li>
 *   <li>anything else: {@link TokenExchangeOutcome.Rejected}, which is not evidence of a lost grant.</li>
 * </ol>
 * Text is looked for in {@code error}, {@code error_description} and {@code message} (a string or an array). The detail
 * never carries a value the hub sent (token, code, secret): those are redacted should HighLevel echo one.
 */
final class TokenRefusalClassifier {

    static final String TOKEN_PATH = "/oauth/token";
    private static final int MAX_DETAIL_LENGTH = 300;
    private static final List<String> TEXT_FIELDS = List.of("error", "error_description", "message");

    private final Set<Integer> invalidClientStatuses;
    private final List<String> invalidClientPatterns;

    TokenRefusalClassifier(HighLevelConfiguration.InvalidClientConfiguration configuration) {
        this.invalidClientStatuses = Set.copyOf(configuration.getStatuses());
        this.invalidClientPatterns = List.copyOf(configuration.getPatterns());
    }

    /**
     * @param path        the endpoint that answered ({@code /oauth/token} or {@code /oauth/locationToken})
     * @param status      its HTTP status (not 2xx)
     * @param body        the parsed JSON body, empty when there was none or it was not JSON
     * @param retryAfter  HighLevel's {@code Retry-After}, if any
     * @param sentSecrets the token, code and secret values the request carried, redacted from the detail
     */
    TokenExchangeOutcome classify(String path, int status, Map<String, Object> body, Optional<Duration> retryAfter,
                                  Collection<String> sentSecrets) {
        List<String> texts = texts(body);
        if (mentions(texts, List.of("location is not active"))) {
            return new TokenExchangeOutcome.LocationNotActive();
        }
        if (status == 429) {
            return new TokenExchangeOutcome.Transient(retryAfter, "HighLevel answered 429");
        }
        if (status >= 500) {
            return new TokenExchangeOutcome.Transient(Optional.empty(), "HighLevel answered " + status);
        }
        String detail = detail(status, body, sentSecrets);
        if (isInvalidClient(path, status, texts)) {
            return new TokenExchangeOutcome.InvalidClient(status, detail);
        }
        if (mentions(texts, List.of("invalid grant", "invalid_grant"))) {
            return new TokenExchangeOutcome.InvalidGrant(detail);
        }
        return new TokenExchangeOutcome.Rejected(status, detail);
    }

    private boolean isInvalidClient(String path, int status, List<String> texts) {
        if (TOKEN_PATH.equals(path) && invalidClientStatuses.contains(status)) {
            return true;
        }
        return (status == 400 || status == 401) && mentions(texts, invalidClientPatterns);
    }

    private static boolean mentions(List<String> texts, List<String> needles) {
        for (String text : texts) {
            for (String needle : needles) {
                if (text.contains(needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The lower-cased strings of {@code error}, {@code error_description} and {@code message} (or its elements). */
    private static List<String> texts(Map<String, Object> body) {
        List<String> texts = new ArrayList<>();
        for (String field : TEXT_FIELDS) {
            Object value = body.get(field);
            if (value instanceof Collection<?> list) {
                list.stream().filter(v -> v instanceof String || v instanceof Number)
                    .forEach(v -> texts.add(String.valueOf(v).toLowerCase(Locale.ROOT)));
            } else if (value instanceof String text) {
                texts.add(text.toLowerCase(Locale.ROOT));
            }
        }
        return texts;
    }

    /** HighLevel's words for the refusal: {@code message}, else {@code error_description}, else {@code error}. */
    static String messageOf(Map<String, Object> body) {
        Object message = body.get("message");
        if (message instanceof Collection<?> list) {
            return String.join("; ", list.stream().map(String::valueOf).toList());
        }
        if (message != null) {
            return String.valueOf(message);
        }
        Object description = body.get("error_description");
        if (description != null) {
            return String.valueOf(description);
        }
        return String.valueOf(body.getOrDefault("error", ""));
    }

    private static String detail(int status, Map<String, Object> body, Collection<String> sentSecrets) {
        String detail = messageOf(body);
        for (String secret : sentSecrets) {
            if (secret != null && !secret.isEmpty()) {
                detail = detail.replace(secret, "[redacted]");
            }
        }
        if (detail.isBlank()) {
            return "HighLevel answered " + status;
        }
        return detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) + "…" : detail;
    }
}
