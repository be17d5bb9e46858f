package io.accesshub.adapter.ghl;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.sso.SsoUserContext;
import io.accesshub.simulator.SsoPayloadSealer;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CryptoJsSsoPayloadsTest {

    /** Made by crypto-js 4.2 (npm): {@code CryptoJS.AES.encrypt(JSON.stringify(context), SECRET).toString()}. */
    static final String CRYPTOJS_PAYLOAD = "U2FsdGVkX18f9FUB2PfBtAp0++cou3R/R3PZKz5PQxic2MKYodTJdQifFk6IG3+tvz19TkHmHDiFroOcqQXAI8Dt7bvXGyPK6NkZ/qygcH1zrapXkdgRzyHxwJ/Y0uRwroigXfun5/SK7h3N+8fwgU2A8Ld8Kevi+RReBihi1CEyf48BFiKSRQkXUPX6BZPSNLLswETqYDQ2jrotWsYmya9Uk3OnOS+8j9iATcf8ur1UEPaRlFyFJY8gbVqjO7M8VkoTh/uNOXOLYC/1YUGiQw==";
    static final String CRYPTOJS_PLAINTEXT = """
        {"userId":"u-vec-1","companyId":"sim-company-1","role":"admin","type":"location","userName":"Ada Vector",\
        "email":"ada@example.com","activeLocation":"sim-loc-0001","isAgencyOwner":false}""";
    static final String SECRET = "vector-shared-secret-1";

    static final MarketplaceAppId APP = MarketplaceAppId.of("65f0c0ffee0123456789abcd");
    static final MarketplaceAppId APP_WITHOUT_SSO = MarketplaceAppId.of("65f0c0ffee0123456789dddd");

    static ApplicationContext context;
    static CryptoJsSsoPayloads payloads;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().properties(Map.of(
            "accesshub.apps.main.client-id", APP.value() + "-abc",
            "accesshub.apps.main.client-secret", "cs",
            "accesshub.apps.main.redirect-uri", "http://localhost/cb",
            "accesshub.apps.main.sso-secret", SECRET,
            "accesshub.apps.other.client-id", APP_WITHOUT_SSO.value() + "-abc",
            "accesshub.apps.other.client-secret", "cs2",
            "accesshub.apps.other.redirect-uri", "http://localhost/cb")).singletons(Clock.systemUTC()).start();
        payloads = context.getBean(CryptoJsSsoPayloads.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aPayloadMadeByCryptoJsOpensToTheExactPlaintext() {
        assertThat(CryptoJsSsoPayloads.decrypt(SECRET, CRYPTOJS_PAYLOAD)).contains(CRYPTOJS_PLAINTEXT);
    }

    @Test
    void aPayloadMadeByCryptoJsOpensToTheDocumentedFields() {
        assertThat(payloads.open(APP, CRYPTOJS_PAYLOAD)).contains(new SsoUserContext("u-vec-1", "sim-company-1",
            "admin", "location", "Ada Vector", "ada@example.com", Optional.of("sim-loc-0001"), Optional.of(false)));
    }

    @Test
    void theSimulatorsSealerMatchesCryptoJs() {
        byte[] raw = Base64.getDecoder().decode(CRYPTOJS_PAYLOAD);
        byte[] salt = java.util.Arrays.copyOfRange(raw, 8, 16);
        assertThat(SsoPayloadSealer.seal(SECRET, salt, CRYPTOJS_PLAINTEXT.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(CRYPTOJS_PAYLOAD);
    }

    @Test
    void anAgencyPayloadWithoutOptionalFieldsOpens() {
        String sealed = SsoPayloadSealer.seal(SECRET, """
            {"userId":"u2","companyId":"c2","role":"user","type":"agency","userName":"Bo","email":"bo@example.com"}\
            """.getBytes(StandardCharsets.UTF_8));
        assertThat(payloads.open(APP, sealed)).contains(new SsoUserContext("u2", "c2", "user", "agency", "Bo",
            "bo@example.com", Optional.empty(), Optional.empty()));
    }

    @Test
    void onlyAppsWithASecretAreListedAndOthersOpenNothing() {
        assertThat(payloads.appsWithSsoSecret()).containsExactly(APP);
        assertThat(payloads.open(APP_WITHOUT_SSO, CRYPTOJS_PAYLOAD)).isEmpty();
    }

    @Test
    void theSecretIsRedactedInTheConfiguration() {
        AppConfiguration configuration = context.getBean(ConfiguredMarketplaceApps.class).configuration(APP);
        assertThat(configuration.getSsoSecret()).contains(SECRET);
        assertThat(configuration.toString()).doesNotContain(SECRET).contains("ssoSecret=<redacted>");
    }

    static Stream<Arguments> badPayloads() throws Exception {
        byte[] raw = Base64.getDecoder().decode(CRYPTOJS_PAYLOAD);
        byte[] tampered = raw.clone();
        tampered[20] ^= 0x01;
        byte[] tamperedLastBlock = raw.clone();
        tamperedLastBlock[raw.length - 1] ^= 0x01;
        byte[] noHeader = raw.clone();
        noHeader[0] = 'X';
        byte[] salt = java.util.Arrays.copyOfRange(raw, 8, 16);
        byte[] keyAndIv = CryptoJsSsoPayloads.evpBytesToKey(SECRET.getBytes(StandardCharsets.UTF_8), salt);
        Cipher raw16 = Cipher.getInstance("AES/CBC/NoPadding");
        raw16.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"), new IvParameterSpec(keyAndIv, 32, 16));
        byte[] badPadding = concat(java.util.Arrays.copyOfRange(raw, 0, 16),
            raw16.doFinal("{\"userId\":\"u\"}\0\0".getBytes(StandardCharsets.US_ASCII)));
        return Stream.of(
            Arguments.of("tampered", Base64.getEncoder().encodeToString(tampered)),
            Arguments.of("tampered last block", Base64.getEncoder().encodeToString(tamperedLastBlock)),
            Arguments.of("truncated by a block", Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOf(raw, raw.length - 16))),
            Arguments.of("truncated text", CRYPTOJS_PAYLOAD.substring(0, CRYPTOJS_PAYLOAD.length() - 7)),
            Arguments.of("header only", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 16))),
            Arguments.of("not base64", "%%%not-base64%%%"),
            Arguments.of("no Salted__ header", Base64.getEncoder().encodeToString(noHeader)),
            Arguments.of("bad padding", Base64.getEncoder().encodeToString(badPadding)),
            Arguments.of("not JSON", SsoPayloadSealer.seal(SECRET, "hello".getBytes(StandardCharsets.UTF_8))),
            Arguments.of("JSON array", SsoPayloadSealer.seal(SECRET, "[1,2]".getBytes(StandardCharsets.UTF_8))),
            Arguments.of("fields missing", SsoPayloadSealer.seal(SECRET,
                "{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8))),
            Arguments.of("not UTF-8", SsoPayloadSealer.seal(SECRET, new byte[] {(byte) 0xC3, (byte) 0x28})),
            Arguments.of("too long", "A".repeat(CryptoJsSsoPayloads.MAX_PAYLOAD_CHARS + 4)),
            Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void everyBadPayloadOpensToNothing(String what, String payload) {
        assertThat(payloads.open(APP, payload)).isEmpty();
    }

    @Test
    void theWrongSecretOpensNothing() {
        String sealed = SsoPayloadSealer.seal("another-secret", CRYPTOJS_PLAINTEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(payloads.open(APP, sealed)).isEmpty();
        assertThat(CryptoJsSsoPayloads.decrypt("another-secret", sealed)).contains(CRYPTOJS_PLAINTEXT);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
