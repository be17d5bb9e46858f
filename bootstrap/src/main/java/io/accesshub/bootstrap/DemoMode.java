package io.accesshub.bootstrap;

import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local demo mode: runs the HighLevel simulator in-process, points the hub's one app at it, creates a local token
 * keyset and a demo API key under the data directory. On by default when the hub runs on the embedded database;
 * {@code ACCESSHUB_DEMO_ENABLED=false} turns it off, {@code =true} forces it on.
 *
 * <p>The demo API key is written to {@code <data dir>/demo-api-key} (owner-readable only), never logged: the log
 * line says where it is and how to use it.
 */
final class DemoMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    static final String ENVIRONMENT = "demo";
    static final String APP_NAME = "demo";

    private final GhlSimulator simulator;
    private final Path apiKeyFile;
    private final int hubPort;

    private DemoMode(GhlSimulator simulator, Path apiKeyFile, int hubPort) {
        this.simulator = simulator;
        this.apiKeyFile = apiKeyFile;
        this.hubPort = hubPort;
    }

    /** Whether demo mode applies: explicitly set, or by default whenever the embedded database is in use. */
    static boolean enabled(Map<String, String> environment, boolean embeddedDatabase) {
        String flag = environment.get("ACCESSHUB_DEMO_ENABLED");
        if (flag != null && !flag.isBlank()) {
            return Boolean.parseBoolean(flag.trim());
        }
        return embeddedDatabase;
    }

    /**
     * Starts the simulator and publishes, as system properties, the configuration that points the hub at it. Call
     * before Micronaut starts.
     */
    static DemoMode start(Map<String, String> environment, Path dataDirectory) {
        int hubPort = Integer.parseInt(environment.getOrDefault("ACCESSHUB_PORT", "8080"));
        int simulatorPort = Integer.parseInt(environment.getOrDefault("ACCESSHUB_DEMO_SIMULATOR_PORT", "8090"));
        String hubBase = "http://localhost:" + hubPort;
        SimulatorConfig config = SimulatorConfig.defaults().toBuilder()
            .port(simulatorPort)
            .locationCount(25)
            .redirectUris(List.of(hubBase + "/oauth/callback"))
            .webhookUrl(hubBase + "/webhooks/ghl")
            .clockMode(SimulatorConfig.ClockMode.TICKING)
            .build();
        GhlSimulator simulator = GhlSimulator.start(config);
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
        String demoKeyEntry = "demo:" + sha256Hex(apiKey) + ":tokens:read+company-tokens:read+installations:read+admin";
        String configured = System.getProperty("accesshub.api.keys", environment.getOrDefault("ACCESSHUB_API_KEYS", ""));
        System.setProperty("accesshub.api.keys", configured.isBlank() ? demoKeyEntry : configured + ";" + demoKeyEntry);
        return new DemoMode(simulator, apiKeyFile, hubPort);
    }

    /** Tells the newcomer what to do next; no secret is logged. */
    void announce() {
        String hub = "http://localhost:" + hubPort;
        LOG.info("""
            Demo mode: HighLevel is simulated at {} (agency with simulated locations).
              1. Install the app:    open {}/oauth/install and pick a location
              2. Read its token:     curl -H "Authorization: Bearer $(cat {})" {}/api/v1/locations/<locationId>/access-token
              3. List installations: curl -H "Authorization: Bearer $(cat {})" {}/api/v1/installations
            The demo API key is in {}; set ACCESSHUB_DEMO_ENABLED=false to run against real HighLevel.""",
            simulator.baseUrl(), hub, apiKeyFile, hub, apiKeyFile, hub, apiKeyFile);
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
