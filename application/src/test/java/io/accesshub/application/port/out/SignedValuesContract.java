package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link SignedValues} must do; adapters subclass it with their real signer. */
public abstract class SignedValuesContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(15));

    /** A signer with a keyset of its own: two calls give two signers that do not accept each other's values. */
    protected abstract SignedValues newSigner();

    @Test
    void aSignedValueIsReadBackForItsPurposeUntilItExpires() {
        SignedValues signer = newSigner();
        String token = signer.sign("install-browser", "value-1", EXPIRY);

        assertThat(signer.verify("install-browser", token, NOW)).hasValue("value-1");
        assertThat(signer.verify("install-browser", token, EXPIRY.minusSeconds(1))).hasValue("value-1");
        assertThat(signer.verify("install-browser", token, EXPIRY)).as("expired at its expiry").isEmpty();
        assertThat(signer.verify("install-browser", token, EXPIRY.plusSeconds(3600))).isEmpty();
    }

    @Test
    void aValueSignedForOnePurposeIsNotValidForAnother() {
        SignedValues signer = newSigner();
        String token = signer.sign("install-browser", "value-1", EXPIRY);

        assertThat(signer.verify("install-handle", token, NOW)).isEmpty();
    }

    @Test
    void anotherKeysetsValueIsRefused() {
        String foreign = newSigner().sign("install-handle", "value-1", EXPIRY);

        assertThat(newSigner().verify("install-handle", foreign, NOW)).isEmpty();
    }

    @Test
    void changingAnyCharacterOfTheTokenMakesItInvalid() {
        SignedValues signer = newSigner();
        String token = signer.sign("install-handle", "3f1c0e7e-0000-4000-8000-000000000001\nuser-42", EXPIRY);

        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(signer.verify("install-handle", tampered, NOW)).as("character %d changed", i).isEmpty();
        }
        assertThat(signer.verify("install-handle", token + "A", NOW)).isEmpty();
        assertThat(signer.verify("install-handle", token.substring(1), NOW)).isEmpty();
    }

    @Test
    void valuesWithSeparatorsAndAnyCharacterRoundTripInAUrlAndCookieSafeToken() {
        SignedValues signer = newSigner();
        String value = "a.b:c\nd=e&f;g \"h\" é ✓ 😀 " + "x".repeat(200);

        String token = signer.sign("install-handle", value, EXPIRY);

        assertThat(token).matches("[A-Za-z0-9_.-]+");
        assertThat(signer.verify("install-handle", token, NOW)).hasValue(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a.b", "not a token", "AAAA.AAAA", "%%%.%%%", "a.b.c.d"})
    void malformedTokensAreRefusedWithoutAnError(String token) {
        assertThat(newSigner().verify("install-handle", token, NOW)).isEmpty();
    }

    @Test
    void aVeryLongTokenIsRefused() {
        assertThat(newSigner().verify("install-handle", "A".repeat(100_000) + ".AAAA", NOW)).isEmpty();
    }
}
