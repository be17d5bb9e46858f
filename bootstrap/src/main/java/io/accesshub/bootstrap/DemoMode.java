package io.accesshub.bootstrap;

import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.bootstrap.config.StartupConfiguration;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.SimulatorConfig;
import io.accesshub.simulator.WebhookKeyPairs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local demo mode: runs the HighLevel simulator in-process, points the hub's one app at it, creates a local token
 * keyset, simulator webhook keys and a demo API key under the data directory.
 *
 * <p>It fails closed: it is on only when {@code ACCESSHUB_DEMO_ENABLED=true}, or when that flag is unset and no
 * source other than the hub's bundled defaults configures a datasource URL, an app, an API key or a keyset (see
 * {@link #decide}). It never starts when {@code ACCESSHUB_ENVIRONMENT=production}: the hub refuses to start instead.
 *
 * <p>The demo API key is written to {@code <data dir>/demo-api-key} and the simulator's random webhook signing keys to
 * {@code <data dir>/demo-simulator-keys.properties} (both owner-readable only), never logged: the log says where they
 * are and how to use them.
 */
final class DemoMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    static final String ENVIRONMENT = "demo";
    static final String APP_NAME = "demo";
    /** The explicit switch ({@code ACCESSHUB_DEMO_ENABLED}). */
    static final String ENABLED = "accesshub.demo.enabled";
    /** {@code ACCESSHUB_ENVIRONMENT}; {@code production} forbids demo mode. */
    static final String DEPLOYMENT_ENVIRONMENT = "accesshub.environment";
    static final String PRODUCTION = "production";
    /** Properties any of which, set by a non-bundled source, means the hub is configured for real use. */
    static final List<String> CONFIGURING_PROPERTIES = List.of(
        "datasources.default.url",
        "accesshub.api.keys",
        "accesshub.token-encryption.keyset",
        "accesshub.token-encryption.keyset-file",
        "accesshub.signing.keyset",
        "accesshub.signing.keyset-file");
    /** Prefix of the apps ({@code ACCESSHUB_APPS_<NAME>_*}). */
    static final String APPS_PREFIX = "accesshub.apps";
    static final String SIMULATOR_KEYS_FILE = "demo-simulator-keys.properties";
    private static final int SIMULATOR_RSA_BITS = 2048;

    private final GhlSimulator simulator;
    private final Path apiKeyFile;
    private final int hubPort;

    private DemoMode(GhlSimulator simulator, Path apiKeyFile, int hubPort) {
        this.simulator = simulator;
        this.apiKeyFile = apiKeyFile;
        this.hubPort = hubPort;
    }

    /** Whether demo mode runs, and why; or why the hub must not start at all. */
    sealed interface Decision {
        /** Demo mode runs. */
        record On(String reason) implements Decision {
        }

        /** The hub runs as configured, without demo mode. */
        record Off(String reason) implements Decision {
        }

        /** The hub must not start; the message says what to change (it names settings, never their values). */
        record Refused(String message) implements Decision {
        }
    }

    /**
     * Decides demo mode on every configuration source: the explicit flag wins; without it demo mode runs only when
     * none of {@link #CONFIGURING_PROPERTIES} nor an app is set. Demo mode in the production environment is refused.
     * The hub's bundled {@code application.yml} sets none of these properties (a test keeps it so).
     */
    static Decision decide(StartupConfiguration configuration) {
        Optional<String> flag = configuration.value(ENABLED);
        if (flag.isPresent() && !flag.get().equalsIgnoreCase("true") && !flag.get().equalsIgnoreCase("false")) {
            return new Decision.Refused("ACCESSHUB_DEMO_ENABLED (" + ENABLED + ") must be true or false");
        }
        Decision wanted;
        if (flag.isPresent()) {
            wanted = Boolean.parseBoolean(flag.get())
                ? new Decision.On("ACCESSHUB_DEMO_ENABLED=true")
                : new Decision.Off("ACCESSHUB_DEMO_ENABLED=false");
        } else {
            List<String> configured = new ArrayList<>();
            for (String property : CONFIGURING_PROPERTIES) {
                configuration.value(property).ifPresent(value -> configured.add(property));
            }
            if (configuration.setsAnythingUnder(APPS_PREFIX)) {
                configured.add(APPS_PREFIX + ".*");
            }
            wanted = configured.isEmpty()
                ? new Decision.On("nothing configured: no datasource, app, API key or keyset")
                : new Decision.Off("configured: " + String.join(", ", configured));
        }
        boolean production = configuration.value(DEPLOYMENT_ENVIRONMENT)
            .filter(PRODUCTION::equalsIgnoreCase).isPresent();
        if (production && wanted instanceof Decision.On on) {
            return new Decision.Refused("demo mode (" + on.reason() + ") cannot run with ACCESSHUB_ENVIRONMENT="
                + PRODUCTION + ": configure DATASOURCES_DEFAULT_URL, ACCESSHUB_APPS_<NAME>_*, ACCESSHUB_API_KEYS and "
                + "ACCESSHUB_TOKEN_ENCRYPTION_KEYSET[_FILE], or leave demo mode off (ACCESSHUB_DEMO_ENABLED=false)");
        }
        return wanted;
    }

    /**
     * Starts the simulator (with this data directory's own random webhook keys) and publishes, as system properties,
     * the configuration that points the hub at it. Call before Micronaut starts.
     */
    static DemoMode start(StartupConfiguration configuration, Path dataDirectory) {
        int hubPort = configuration.environment().getProperty("micronaut.server.port", Integer.class, 8080);
        int simulatorPort = configuration.environment()
            .getProperty("accesshub.demo.simulator-port", Integer.class, 8090);
        String hubBase = "http://localhost:" + hubPort;
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder()
            .port(simulatorPort)
            .locationCount(25)
            .redirectUris(List.of(hubBase + "/oauth/callback"))
            .webhookUrl(hubBase + "/webhooks/ghl")
            .clockMode(SimulatorConfig.ClockMode.TICKING)
            .rsaKeySize(SIMULATOR_RSA_BITS)
            .build();
        WebhookKeyPairs webhookKeys = WebhookKeyPairs.loadOrCreate(
            dataDirectory.resolve(SIMULATOR_KEYS_FILE).toAbsolutePath(), SIMULATOR_RSA_BITS);
        GhlSimulator simulator = GhlSimulator.start(config, webhookKeys);
        String simulatorBase = simulator.baseUrl();

        setDefault("accesshub.highlevel.api-base-url", simulatorBase);
        String app = "accesshub.apps." + APP_NAME + ".";
        setDefault(app + "client-id", config.clientId());
        setDefault(app + "client-secret", config.clientSecret());
        setDefault(app + "scopes", config.scopeString());
        setDefault(app + "redirect-uri", hubBase + "/oauth/callback");
        setDefault(app + "authorization-url", simulatorBase + "/v2/oauth/chooselocation");
        setDefault(app + "default", "true");
        setDefault("accesshub.webhooks.ed25519-public-keys", simulator.webhookKeys().ed25519Pem());
        setDefault("accesshub.webhooks.rsa-public-keys", simulator.webhookKeys().rsaPem());
        setDefault("accesshub.token-encryption.keyset-file",
            dataDirectory.resolve("demo-keyset.json").toAbsolutePath().toString());
        setDefault("accesshub.token-encryption.create-if-missing", "true");
        setDefault("accesshub.signing.keyset-file",
            dataDirectory.resolve("demo-signing-keyset.json").toAbsolutePath().toString());
        SigningKeysets.loadOrCreate(Path.of(System.getProperty("accesshub.signing.keyset-file")));

        Path apiKeyFile = dataDirectory.resolve("demo-api-key").toAbsolutePath();
        String apiKey = readOrCreateApiKey(apiKeyFile);
        String demoKeyEntry = "demo:" + sha256Hex(apiKey)
            + ":tokens:read+company-tokens:read+installations:read+admin+proxy:use";
        String configured = configuration.value("accesshub.api.keys").orElse("");
        System.setProperty("accesshub.api.keys", configured.isBlank() ? demoKeyEntry : configured + ";" + demoKeyEntry);
        return new DemoMode(simulator, apiKeyFile, hubPort);
    }

    /** The banner: a WARN line saying demo mode is on and why, before anything else starts. */
    static void warn(Decision.On decision, Path dataDirectory) {
        LOG.warn("DEMO MODE IS ON ({}). HighLevel is simulated, and a demo admin API key, token keyset and"
            + " simulator webhook keys are kept in {}. Never use demo mode for real installations: configure"
            + " DATASOURCES_DEFAULT_URL, ACCESSHUB_APPS_<NAME>_*, ACCESSHUB_API_KEYS and"
            + " ACCESSHUB_TOKEN_ENCRYPTION_KEYSET[_FILE], or set ACCESSHUB_DEMO_ENABLED=false.",
            decision.reason(), dataDirectory.toAbsolutePath());
    }

    /** Tells the newcomer what to do next; no secret is logged. */
    void announce() {
        String hub = "http://localhost:" + hubPort;
        LOG.info("""
            Demo mode: HighLevel is simulated at {} (agency with simulated locations).
              1. Install the app:    open {}/oauth/install and pick a location
              2. Read its token:     curl -H "Authorization: Bearer $(cat {})" {}/api/v1/locations/<locationId>/access-token
              3. List installations: curl -H "Authorization: Bearer $(cat {})" {}/api/v1/installations
              4. Operations console: open {}/console and sign in with the demo API key
            The demo API key is in {}; set ACCESSHUB_DEMO_ENABLED=false to run against real HighLevel.""",
            simulator.baseUrl(), hub, apiKeyFile, hub, apiKeyFile, hub, hub, apiKeyFile);
    }

    @Override
    public void close() {
        simulator.close();
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static String readOrCreateApiKey(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = "demo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file keeps the default permissions
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the demo API key file " + file, e);
        }
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
