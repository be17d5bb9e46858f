package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.DecryptSsoUseCase;
import io.accesshub.application.port.in.SsoResult;
import io.accesshub.simulator.SimulatorConfig;
import io.accesshub.simulator.SsoPayloadSealer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/sso/decrypt} end to end, on the real database with the simulator sealing payloads under the
 * app's shared secret: the documented fields, the installation within the key's scope, one indistinguishable answer
 * to every bad payload, permissions, and no trace of payload, secret or user context in the logs (DEBUG).
 */
class SsoDecryptTest {

    /** Made by crypto-js 4.2 (npm): {@code CryptoJS.AES.encrypt(JSON.stringify(context), VECTOR_SECRET).toString()}. */
    private static final String VECTOR = "U2FsdGVkX18f9FUB2PfBtAp0++cou3R/R3PZKz5PQxic2MKYodTJdQifFk6IG3+tvz19TkHmHDi"
        + "FroOcqQXAI8Dt7bvXGyPK6NkZ/qygcH1zrapXkdgRzyHxwJ/Y0uRwroigXfun5/SK7h3N+8fwgU2A8Ld8Kevi+RReBihi1CEyf48BFiKSRQ"
        + "kXUPX6BZPSNLLswETqYDQ2jrotWsYmya9Uk3OnOS+8j9iATcf8ur1UEPaRlFyFJY8gbVqjO7M8VkoTh/uNOXOLYC/1YUGiQw==";
    private static final String VECTOR_SECRET = "vector-shared-secret-1";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    /** Root and the hub's own loggers (logback-test.xml holds the HighLevel adapter at WARN): all at DEBUG. */
    private final List<Logger> debugged = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();
    private HubHarness harness;
    private HubHarness.Hub hub;
    private String company;
    private String location;
    private String installationId;

    @BeforeEach
    void start() {
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.accesshub", "io.accesshub.adapter.ghl",
                "io.accesshub.adapter.http")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            debugged.add(logger);
            previousLevels.add(logger.getLevel());
        }
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        hub = harness.startHub(Map.of("accesshub.apps.main.sso-secret", harness.simulator.config().ssoSecret()));
        List<HubHarness.SeededLocation> seeded = harness.seedLocations(hub, 1);
        company = seeded.get(0).grant().companyId();
        location = seeded.get(0).locationId();
        installationId = seeded.get(0).installationId().toString();
    }

    @AfterEach
    void stop() {
        debugged.get(0).detachAppender(logs);
        for (int i = 0; i < debugged.size(); i++) {
            debugged.get(i).setLevel(previousLevels.get(i));
        }
        harness.close();
    }

    private String key(String name, String scope) throws Exception {
        HubHarness.Response created = harness.send("POST", hub.url("/api/v1/admin/api-keys"), HubHarness.API_KEY,
            "{\"name\":\"" + name + "\",\"permissions\":[\"sso:decrypt\"]" + scope + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }

    private HubHarness.Response decrypt(HubHarness.Hub on, String apiKey, String body) throws Exception {
        return harness.send("POST", on.url("/api/v1/sso/decrypt"), apiKey, body);
    }

    private static String body(String payload) {
        return "{\"payload\":\"" + payload + "\"}";
    }

    private Map<String, Object> locationUser() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("userId", "user-77");
        context.put("companyId", company);
        context.put("role", "admin");
        context.put("type", "location");
        context.put("userName", "Grace Hopper");
        context.put("email", "grace@example.com");
        context.put("activeLocation", location);
        context.put("isAgencyOwner", true);
        return context;
    }

    @Test
    void aSimulatorPayloadDecryptsToTheDocumentedFieldsWithTheInstallation() throws Exception {
        String key = key("page-backend", "");

        HubHarness.Response answer = decrypt(hub, key, body(harness.simulator.ssoPayload(locationUser())));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, Object> expected = new LinkedHashMap<>(locationUser());
        expected.put("installation", Map.of("id", installationId, "status", "ACTIVE"));
        assertThat(answer.json()).isEqualTo(expected);
    }

    @Test
    void theInstallationIsNullOutOfTheKeysScopeAndWhereTheAppIsNotInstalled() throws Exception {
        String ours = key("ours", ",\"companies\":[\"" + company + "\"]");
        String theirs = key("theirs", ",\"companies\":[\"another-company\"]");
        String payload = harness.simulator.ssoPayload(locationUser());
        Map<String, Object> agencyUser = new LinkedHashMap<>(locationUser());
        agencyUser.remove("activeLocation");
        agencyUser.put("type", "agency");

        HubHarness.Response inScope = decrypt(hub, ours, body(payload));
        HubHarness.Response outOfScope = decrypt(hub, theirs, body(payload));
        HubHarness.Response noAgencyInstall = decrypt(hub, ours, body(harness.simulator.ssoPayload(agencyUser)));

        assertThat(inScope.json().get("installation")).isEqualTo(Map.of("id", installationId, "status", "ACTIVE"));
        assertThat(outOfScope.status()).isEqualTo(200);
        assertThat(outOfScope.json()).containsEntry("installation", null).containsEntry("userId", "user-77");
        assertThat(noAgencyInstall.status()).isEqualTo(200);
        assertThat(noAgencyInstall.json()).containsEntry("installation", null).containsEntry("activeLocation", null);
    }

    @Test
    void aPayloadMadeByCryptoJsDecryptsExactly() throws Exception {
        HubHarness.Hub vectorHub = harness.startHub(Map.of("accesshub.apps.main.sso-secret", VECTOR_SECRET));
        HubHarness.Response answer = decrypt(vectorHub, key("vector", ""), body(VECTOR));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("userId", "u-vec-1").containsEntry("companyId", "sim-company-1")
            .containsEntry("role", "admin").containsEntry("type", "location").containsEntry("userName", "Ada Vector")
            .containsEntry("email", "ada@example.com").containsEntry("activeLocation", "sim-loc-0001")
            .containsEntry("isAgencyOwner", false).containsKey("installation").hasSize(9);
    }

    @Test
    void everyBadPayloadAnswersTheSameProblemAndNothingOfItIsLogged() throws Exception {
        debugged.forEach(logger -> logger.setLevel(Level.DEBUG));
        logs.start();
        debugged.get(0).addAppender(logs);
        String key = key("page-backend", "");
        String good = harness.simulator.ssoPayload(locationUser());
        byte[] raw = Base64.getDecoder().decode(good);
        byte[] tampered = raw.clone();
        tampered[raw.length - 20] ^= 0x04;
        byte[] noHeader = raw.clone();
        noHeader[2] = 'x';
        String wrongSecret = SsoPayloadSealer.seal("not-the-shared-secret",
            "{\"userId\":\"u\",\"companyId\":\"c\",\"role\":\"r\",\"type\":\"agency\",\"userName\":\"n\",\"email\":\"e\"}"
                .getBytes(StandardCharsets.UTF_8));
        String notJson = SsoPayloadSealer.seal(harness.simulator.config().ssoSecret(),
            "grace@example.com is not JSON".getBytes(StandardCharsets.UTF_8));
        List<String> bodies = List.of(
            body(Base64.getEncoder().encodeToString(tampered)),
            body(wrongSecret),
            body(good.substring(0, good.length() - 24)),
            body(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length - 16))),
            body("this is not base64!"),
            body(Base64.getEncoder().encodeToString(noHeader)),
            body(notJson),
            "{\"payload\":42}",
            "{}",
            "not json at all " + good);

        List<HubHarness.Response> answers = new ArrayList<>();
        for (String bad : bodies) {
            answers.add(decrypt(hub, key, bad));
        }
        HubHarness.Response ok = decrypt(hub, key, body(good));

        HubHarness.Response first = answers.get(0);
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.json()).containsEntry("code", "invalid_sso_payload");
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
            assertThat(t).startsWith("application/problem+json"));
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).status()).as("answer %d", i).isEqualTo(400);
            assertThat(answers.get(i).body()).as("answer %d", i).isEqualTo(first.body());
        }
        assertThat(ok.status()).as("the untouched payload opens").isEqualTo(200);
        assertThat(logs.list).as("DEBUG logging ran").isNotEmpty();
        List<String> secrets = new ArrayList<>(List.of(good.substring(0, 40), good.substring(good.length() - 40),
            wrongSecret.substring(16, 56), notJson.substring(16, 56), harness.simulator.config().ssoSecret(),
            "grace@example.com", "Grace Hopper", "user-77"));
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            String line = render(event);
            for (String secret : secrets) {
                assertThat(line).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    @Test
    void decryptingNeedsAKeyWithSsoDecrypt() throws Exception {
        String payload = body(harness.simulator.ssoPayload(locationUser()));

        assertThat(decrypt(hub, null, payload).status()).isEqualTo(401);
        assertThat(decrypt(hub, HubHarness.API_KEY, payload).status()).as("admin without sso:decrypt").isEqualTo(403);
        assertThat(decrypt(hub, key("page-backend", ""), payload).status()).isEqualTo(200);
    }

    @Test
    void withTwoSsoAppsTheAppMustBeNamed() throws Exception {
        HubHarness.Hub twoApps = harness.startHub(Map.of(
            "accesshub.apps.main.sso-secret", harness.simulator.config().ssoSecret(),
            "accesshub.apps.main.default", "true",
            "accesshub.apps.other.client-id", "otherapp00000000000000001-suffix",
            "accesshub.apps.other.client-secret", "other-secret",
            "accesshub.apps.other.scopes", "locations.readonly oauth.write oauth.readonly",
            "accesshub.apps.other.redirect-uri", "http://localhost:1/oauth/callback",
            "accesshub.apps.other.sso-secret", "other-sso-secret"));
        String key = key("page-backend", "");
        String payload = body(harness.simulator.ssoPayload(locationUser()));

        HubHarness.Response unnamed = decrypt(twoApps, key, payload);
        HubHarness.Response named = harness.send("POST", twoApps.url("/api/v1/sso/decrypt?app="
            + harness.simulator.config().appId()), key, payload);
        HubHarness.Response otherApp = harness.send("POST", twoApps.url("/api/v1/sso/decrypt?app=otherapp00000000000000001"),
            key, payload);
        HubHarness.Response unknownApp = harness.send("POST", twoApps.url("/api/v1/sso/decrypt?app=nosuchapp"),
            key, payload);

        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.json()).containsEntry("code", "app_required");
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        assertThat(named.json()).containsEntry("installation", Map.of("id", installationId, "status", "ACTIVE"));
        assertThat(otherApp.json()).as("the other app's secret does not open it").containsEntry("code",
            "invalid_sso_payload");
        assertThat(unknownApp.json()).containsEntry("code", "sso_not_configured");
    }

    @Test
    void theUseCaseRunsInProcess() {
        SsoResult result = hub.bean(DecryptSsoUseCase.class).decrypt(Caller.IN_PROCESS, Optional.empty(),
            harness.simulator.ssoPayload(locationUser()));

        assertThat(result).isInstanceOfSatisfying(SsoResult.Decrypted.class, decrypted -> {
            assertThat(decrypted.user().email()).isEqualTo("grace@example.com");
            assertThat(decrypted.installation()).hasValueSatisfying(i ->
                assertThat(i.id().toString()).isEqualTo(installationId));
        });
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }
}
