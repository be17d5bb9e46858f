import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.adapter.persistence.crypto.EncryptedToken;
import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.crypto.TinkTokenCipher;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenKind;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshTiming;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Bench tooling for bench/refresh-storm.sh, run as a single-file program on the hub's fat jar so it uses the hub's
 * own classes (Tink cipher, token binding, scope canonicalisation, the simulator's default app):
 *
 * <pre>
 * java -cp bootstrap/target/accesshub.jar bench/SeedGrants.java keyset FILE
 * java -cp bootstrap/target/accesshub.jar bench/SeedGrants.java signing-keyset FILE
 * java -cp bootstrap/target/accesshub.jar bench/SeedGrants.java app-env
 * java -cp bootstrap/target/accesshub.jar bench/SeedGrants.java seed sim=URL db=JDBC_URL user=U password=P \
 *      keyset=FILE count=N [batch=1000]
 * </pre>
 *
 * {@code seed} asks the simulator for N location grants ({@code POST /_sim/seed/location-grants}), encrypts both
 * tokens with the hub's {@link TinkTokenCipher} bound to app, company, location and kind (exactly what the hub's
 * GrantMapper writes), and inserts one ACTIVE location installation plus its token_grant row per grant, in batched
 * transactions. The rows carry the real expiry (about 24 h ahead), so nothing is due until the benchmark moves
 * access_token_expires_at into the refresh window. It prints {@code sample=<locationId> <accessToken>} so the caller
 * can check that the hub decrypts a seeded grant (its token API must answer that access token).
 *
 * <p>The INSERTs name the columns of the Liquibase schema in adapters-persistence; when a changeset adds a column
 * without a default, add it here too (the benchmark fails loudly at the seeding step otherwise).
 */
public class SeedGrants {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                "usage: keyset FILE | signing-keyset FILE | app-env | seed key=value...");
        }
        switch (args[0]) {
            case "keyset" -> {
                Path file = Path.of(args[1]);
                Files.writeString(file, TinkKeysets.generate());
                System.out.println("keyset written to " + file);
            }
            case "signing-keyset" -> {
                Path file = Path.of(args[1]);
                Files.writeString(file, SigningKeysets.generate());
                System.out.println("signing keyset written to " + file);
            }
            case "app-env" -> {
                SimulatorConfig sim = SimulatorConfig.defaults();
                System.out.println("BENCH_APP_CLIENT_ID=" + sim.clientId());
                System.out.println("BENCH_APP_CLIENT_SECRET=" + sim.clientSecret());
                System.out.println("BENCH_APP_SCOPES='" + sim.scopeString() + "'");
                System.out.println("BENCH_APP_ID=" + sim.appId());
            }
            case "seed" -> seed(options(args));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        return options;
    }

    private static void seed(Map<String, String> o) throws Exception {
        String sim = o.get("sim");
        int count = Integer.parseInt(o.get("count"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "1000"));
        TinkTokenCipher cipher = TinkTokenCipher.fromJsonKeyset(Files.readString(Path.of(o.get("keyset"))));
        String appId = ClientId.parse(SimulatorConfig.defaults().clientId()).appId().value();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();
        String sample = null;
        int seeded = 0;
        try (Connection db = DriverManager.getConnection(o.get("db")
                + (o.get("db").contains("?") ? "&" : "?") + "rewriteBatchedStatements=true",
                o.get("user"), o.get("password"))) {
            db.setAutoCommit(false);
            PreparedStatement installation = db.prepareStatement("INSERT INTO installation (id, app_id, company_id,"
                + " location_id, location_key, user_type, status, status_reason, approved_locations,"
                + " install_to_future_locations, approve_all_locations, bulk_installation, created_at,"
                + " status_changed_at, last_lifecycle_change_at, version)"
                + " VALUES (?, ?, ?, ?, ?, 'LOCATION', 'ACTIVE', 'GRANT_ISSUED', NULL, FALSE, FALSE, FALSE, ?, ?, ?, 0)");
            PreparedStatement grant = db.prepareStatement("INSERT INTO token_grant (installation_id, app_id,"
                + " company_id, location_key, source, access_token_ciphertext, access_token_expires_at,"
                + " refresh_token_ciphertext, issued_at, encryption_key_id, scopes, last_refreshed_at, last_attempt_at,"
                + " consecutive_failures, refresh_fence, lease_owner, lease_until, next_refresh_at,"
                + " refresh_token_fingerprint, version)"
                + " VALUES (?, ?, ?, ?, 'DIRECT_INSTALL', ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 0, NULL, NULL, ?, ?, 0)");
            while (seeded < count) {
                int n = Math.min(batch, count - seeded);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(sim + "/_sim/seed/location-grants")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + n + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("simulator answered " + response.statusCode() + ": "
                        + response.body());
                }
                for (JsonNode g : JSON.readTree(response.body()).get("grants")) {
                    String id = UUID.randomUUID().toString();
                    String companyId = g.get("companyId").asText();
                    String locationId = g.get("locationId").asText();
                    String issuedAt = DbTime.toColumn(Instant.parse(g.get("issuedAt").asText()));
                    EncryptedToken access = cipher.encrypt(g.get("accessToken").asText(),
                        new TokenBinding(appId, companyId, locationId, TokenKind.ACCESS));
                    EncryptedToken refresh = cipher.encrypt(g.get("refreshToken").asText(),
                        new TokenBinding(appId, companyId, locationId, TokenKind.REFRESH));
                    installation.setString(1, id);
                    installation.setString(2, appId);
                    installation.setString(3, companyId);
                    installation.setString(4, locationId);
                    installation.setString(5, locationId);
                    installation.setString(6, issuedAt);
                    installation.setString(7, issuedAt);
                    installation.setString(8, issuedAt);
                    installation.addBatch();
                    grant.setString(1, id);
                    grant.setString(2, appId);
                    grant.setString(3, companyId);
                    grant.setString(4, locationId);
                    grant.setBytes(5, access.ciphertext());
                    grant.setString(6, DbTime.toColumn(Instant.parse(g.get("accessTokenExpiresAt").asText())));
                    grant.setBytes(7, refresh.ciphertext());
                    grant.setString(8, issuedAt);
                    grant.setLong(9, access.keyId());
                    grant.setString(10, Scopes.parse(g.get("scope").asText()).toString());
                    // scheduled like the hub schedules a fresh pair (default 30 min window); the fingerprint is the
                    // raw SHA-256 of the refresh token, as the hub stores it
                    grant.setString(11, DbTime.toColumn(RefreshTiming.DEFAULT.dueAt(Grant.create(
                        io.accesshub.domain.installation.InstallationId.parse(id),
                        io.accesshub.domain.grant.GrantSource.DIRECT_INSTALL, IssuedTokens.of(
                            AccessToken.of(g.get("accessToken").asText()),
                            Instant.parse(g.get("accessTokenExpiresAt").asText()),
                            RefreshToken.of(g.get("refreshToken").asText()), Scopes.parse(g.get("scope").asText()),
                            Instant.parse(g.get("issuedAt").asText()))))));
                    grant.setBytes(12, java.util.HexFormat.of().parseHex(
                        RefreshToken.of(g.get("refreshToken").asText()).fingerprint()));
                    grant.addBatch();
                    if (sample == null) {
                        sample = locationId + " " + g.get("accessToken").asText();
                    }
                }
                installation.executeBatch();
                grant.executeBatch();
                db.commit();
                seeded += n;
                System.out.printf("seeded %,d / %,d grants%n", seeded, count);
            }
        }
        System.out.printf("seeded %,d grants in %.1f s%n", seeded, (System.nanoTime() - started) / 1e9);
        System.out.println("sample=" + sample);
    }
}
