package io.accesshub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing and verification as Standard Webhooks defines them, checked against the published test vector. */
class WebhookVerifierTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookVerifier verifierAt(long epochSecond, String... secrets) {
        return new WebhookVerifier(List.of(secrets), WebhookVerifier.DEFAULT_TOLERANCE,
            Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void theSignatureMatchesTheStandardWebhooksTestVector() {
        assertThat(StandardWebhooks.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void theTestVectorVerifiesThroughTheHeadersWhateverTheirCase() {
        Map<String, List<String>> headers = Map.of("Webhook-Id", List.of(ID), "webhook-timestamp",
            List.of(String.valueOf(TIMESTAMP)), "WEBHOOK-SIGNATURE", List.of("v1,bm9wZQ== " + SIGNATURE));

        assertThatCode(() -> verifierAt(TIMESTAMP + 10, SECRET).verify(headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void aTamperedBodyOrIdOrAWrongSecretIsRefused() {
        WebhookVerifier verifier = verifierAt(TIMESTAMP, SECRET);
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifier.verify(ID, String.valueOf(TIMESTAMP), SIGNATURE, tampered))
            .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify("msg_other", String.valueOf(TIMESTAMP), SIGNATURE, BODY))
            .isInstanceOf(WebhookVerificationException.class);
        String other = StandardWebhooks.newSecret(new SecureRandom());
        assertThatThrownBy(() -> verifierAt(TIMESTAMP, other).verify(ID, String.valueOf(TIMESTAMP), SIGNATURE, BODY))
            .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedEvenWithAGoodSignature() {
        long late = TIMESTAMP + WebhookVerifier.DEFAULT_TOLERANCE.toSeconds() + 1;

        assertThatThrownBy(() -> verifierAt(late, SECRET).verify(ID, String.valueOf(TIMESTAMP), SIGNATURE, BODY))
            .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
        assertThatCode(() -> verifierAt(late - 1, SECRET).verify(ID, String.valueOf(TIMESTAMP), SIGNATURE, BODY))
            .doesNotThrowAnyException();
    }

    @Test
    void duringARotationEitherSecretVerifiesAndTheHeaderCarriesBoth() {
        String next = StandardWebhooks.newSecret(new SecureRandom());
        String header = StandardWebhooks.signatureHeader(List.of(SECRET, next), ID, TIMESTAMP, BODY);

        assertThat(List.of(header.split(" "))).hasSize(2).first().isEqualTo(SIGNATURE);
        assertThatCode(() -> verifierAt(TIMESTAMP, next).verify(ID, String.valueOf(TIMESTAMP), header, BODY))
            .doesNotThrowAnyException();
        assertThatCode(() -> verifierAt(TIMESTAMP, SECRET).verify(ID, String.valueOf(TIMESTAMP), header, BODY))
            .doesNotThrowAnyException();
    }

    @Test
    void missingHeadersAndMalformedValuesAreRefused() {
        WebhookVerifier verifier = verifierAt(TIMESTAMP, SECRET);

        assertThatThrownBy(() -> verifier.verify(Map.of(), BODY)).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(ID, "yesterday", SIGNATURE, BODY))
            .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(ID, String.valueOf(TIMESTAMP), "v2," + SIGNATURE.substring(3), BODY))
            .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new WebhookVerifier(List.of("whsec_not base64!")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSecretsAreWhsecAndThirtyTwoRandomBytes() {
        String secret = StandardWebhooks.newSecret(new SecureRandom());

        assertThat(secret).startsWith("whsec_");
        assertThat(StandardWebhooks.key(secret)).hasSize(32);
        assertThat(StandardWebhooks.newSecret(new SecureRandom())).isNotEqualTo(secret);
    }

    @Test
    void theToleranceCanBeWidened() {
        WebhookVerifier patient = new WebhookVerifier(List.of(SECRET), Duration.ofHours(1),
            Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + 3000), ZoneOffset.UTC));

        assertThatCode(() -> patient.verify(ID, String.valueOf(TIMESTAMP), SIGNATURE, BODY))
            .doesNotThrowAnyException();
    }
}
