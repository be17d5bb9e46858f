package io.accesshub.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a delivery of the hub's lifecycle events before its body is trusted: the timestamp must be within the
 * tolerance of now (5 minutes unless told otherwise, which stops replays of old deliveries) and one of the
 * {@code v1} signatures must match one of the secrets (give both during a rotation). Thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(List.of(System.getenv("ACCESSHUB_RELAY_SECRET")));
 * verifier.verify(request.headers(), request.bodyBytes()); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {

    /** How far the timestamp may be from now by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<byte[]> keys;
    private final Duration tolerance;
    private final Clock clock;

    /** A verifier for these secrets ({@code whsec_…}) with the default tolerance and the system clock. */
    public WebhookVerifier(List<String> secrets) {
        this(secrets, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** A verifier for these secrets, accepting timestamps within {@code tolerance} of {@code clock}'s now. */
    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one secret");
        }
        this.keys = secrets.stream().map(StandardWebhooks::key).toList();
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Verifies a delivery given its headers (names compared case-insensitively) and its exact body. */
    public void verify(Map<String, List<String>> headers, byte[] body) throws WebhookVerificationException {
        verify(header(headers, StandardWebhooks.ID_HEADER), header(headers, StandardWebhooks.TIMESTAMP_HEADER),
            header(headers, StandardWebhooks.SIGNATURE_HEADER), body);
    }

    /** Verifies a delivery given the three header values and its exact body. */
    public void verify(String id, String timestamp, String signatures, byte[] body)
            throws WebhookVerificationException {
        if (id == null || id.isBlank() || timestamp == null || signatures == null || body == null) {
            throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not Unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp is outside the tolerance");
        }
        List<byte[]> expected = new ArrayList<>();
        for (byte[] key : keys) {
            String secret = java.util.Base64.getEncoder().encodeToString(key);
            expected.add(StandardWebhooks.sign(secret, id, seconds, body).getBytes(StandardCharsets.US_ASCII));
        }
        for (String presented : signatures.trim().split(" +")) {
            if (!presented.startsWith("v1,")) {
                continue;
            }
            byte[] candidate = presented.getBytes(StandardCharsets.US_ASCII);
            for (byte[] signature : expected) {
                if (MessageDigest.isEqual(signature, candidate)) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException("no signature matches");
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(name)
                && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
