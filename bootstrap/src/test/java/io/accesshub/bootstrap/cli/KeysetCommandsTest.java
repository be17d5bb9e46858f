package io.accesshub.bootstrap.cli;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.grant.GrantReencryption;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.bootstrap.config.StartupConfiguration;
import io.accesshub.domain.installation.Installation;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyset commands on real files and the real test database. */
class KeysetCommandsTest {

    @TempDir
    Path directory;

    /** What a command run printed and returned. */
    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        TestDatabase db = TestDatabase.shared();
        Commands commands = Commands.standard(() -> StartupConfiguration.read(new String[] {
            "--datasources.default.url=" + db.jdbcUrl(),
            "--datasources.default.username=" + db.username(),
            "--datasources.default.password=" + db.password()}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generatePrintsANewKeysetOnlyOnStandardOutput() {
        Run run = run("keyset", "generate");

        assertThat(run.status()).isZero();
        List<TinkKeysets.KeyInfo> keys = TinkKeysets.describe(run.out().trim());
        assertThat(keys).singleElement().satisfies(key -> assertThat(key.primary()).isTrue());
        assertThat(run.err()).contains("primary key " + keys.get(0).id()).doesNotContain("\"value\"");
    }

    @Test
    void generateWithSigningPrintsASigningKeysetTheHubAccepts() {
        Run run = run("keyset", "generate", "--signing");

        assertThat(run.status()).isZero();
        assertThat(run.err()).contains("ACCESSHUB_SIGNING_KEYSET").doesNotContain("\"value\"");
        io.accesshub.adapter.persistence.crypto.TinkSignedValues signer =
            io.accesshub.adapter.persistence.crypto.TinkSignedValues.fromJsonKeyset(run.out().trim());
        assertThat(signer).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                io.accesshub.adapter.persistence.crypto.TinkSignedValues.fromJsonKeyset(TinkKeysets.generate()))
            .as("a token keyset is not a signing keyset").isInstanceOf(RuntimeException.class);
    }

    @Test
    void apiKeyCreatePrintsAKeyAndTheConfigurationEntryThatAuthenticatesIt() {
        Run run = run("api-key", "create", "--name", "billing", "--permissions", "tokens:read,company-tokens:read");

        assertThat(run.status()).isZero();
        String[] lines = run.out().trim().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("ahk_").hasSize(47);
        List<io.accesshub.application.port.in.ConfiguredApiKey> parsed =
            io.accesshub.adapter.http.security.ApiKeyRegistry.parse(lines[1]);
        assertThat(parsed).singleElement().satisfies(key -> {
            assertThat(key.definition().name()).isEqualTo("billing");
            assertThat(key.sha256Hex()).isEqualTo(io.accesshub.domain.access.ApiKeyHash.of(lines[0]));
            assertThat(key.definition().permissions()).containsExactlyInAnyOrder(
                io.accesshub.domain.access.Permission.TOKENS_READ,
                io.accesshub.domain.access.Permission.COMPANY_TOKENS_READ);
        });
        assertThat(run.err()).doesNotContain(lines[0]);
        assertThat(run("api-key", "create", "--name", "x", "--permissions", "tokens:write").status())
            .isNotZero();
    }

    @Test
    void generateWritesANewOwnerOnlyFileAndNeverOverwritesOne() throws Exception {
        Path file = directory.resolve("keyset.json");

        Run first = run("keyset", "generate", "--out", file.toString());
        String written = Files.readString(file);
        Run second = run("keyset", "generate", "--out", file.toString());

        assertThat(first.status()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.status()).isEqualTo(Commands.FAILED);
        assertThat(second.err()).contains("exists already");
        assertThat(Files.readString(file)).isEqualTo(written);
    }

    @Test
    void rotateAddsANewPrimaryAndWritesTheFileBack() throws Exception {
        Path file = directory.resolve("keyset.json");
        Files.writeString(file, TinkKeysets.generate());
        long old = TinkKeysets.describe(Files.readString(file)).get(0).id();

        Run run = run("keyset", "rotate", "--in", file.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<TinkKeysets.KeyInfo> keys = TinkKeysets.describe(Files.readString(file));
        assertThat(keys).hasSize(2);
        assertThat(keys).filteredOn(TinkKeysets.KeyInfo::primary).singleElement()
            .satisfies(key -> assertThat(key.id()).isNotEqualTo(old));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(run("keyset", "list", "--in", file.toString()).out()).contains(old + " ENABLED\n");
    }

    @Test
    void retireIsRefusedWhileRowsUseTheKeyAndSucceedsOnceTheyAreReencrypted() throws Exception {
        TestDatabase.shared().truncateTables();
        Path file = directory.resolve("keyset.json");
        String original = TinkKeysets.generate();
        Files.writeString(file, original);
        long old = TinkKeysets.describe(original).get(0).id();
        Installation installation = anInstallation().build();
        try (ApplicationContext hub = ApplicationContext.run(hubProperties(original))) {
            hub.getBean(InstallationRepository.class).add(installation);
            hub.getBean(GrantRepository.class).add(aLocationGrant().forInstallation(installation.id()).build());
        }
        assertThat(run("keyset", "rotate", "--in", file.toString()).status()).isZero();
        String rotated = Files.readString(file);

        Run primary = run("keyset", "retire", String.valueOf(TinkKeysets.describe(rotated).stream()
            .filter(TinkKeysets.KeyInfo::primary).findFirst().orElseThrow().id()), "--in", file.toString());
        Run refused = run("keyset", "retire", String.valueOf(old), "--in", file.toString());

        assertThat(primary.status()).isEqualTo(Commands.FAILED);
        assertThat(primary.err()).contains("is the primary key");
        assertThat(refused.status()).isEqualTo(Commands.FAILED);
        assertThat(refused.err()).contains("refused: 2 stored ciphertexts still use key " + old,
            "token_grant.access_token_ciphertext 1", "token_grant.refresh_token_ciphertext 1");
        assertThat(Files.readString(file)).isEqualTo(rotated);

        try (ApplicationContext hub = ApplicationContext.run(hubProperties(rotated))) {
            assertThat(hub.getBean(GrantReencryption.class).reencryptBatch(100)).isEqualTo(1);
        }
        Run retired = run("keyset", "retire", String.valueOf(old), "--in", file.toString());

        assertThat(retired.status()).as(retired.err()).isZero();
        assertThat(TinkKeysets.describe(Files.readString(file))).singleElement()
            .satisfies(key -> assertThat(key.id()).isNotEqualTo(old));
        assertThat(run("keyset", "retire", "123", "--in", file.toString()).err()).contains("holds no key 123");
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertThat(run("keyset", "explode").status()).isEqualTo(Commands.USAGE);
        assertThat(run("keyset", "generate", "--force").status()).isEqualTo(Commands.USAGE);
        assertThat(run("keyset", "retire", "not-a-number", "--in", "x").status()).isEqualTo(Commands.USAGE);
        assertThat(run("help").out()).contains("keyset generate", "keyset rotate", "keyset retire");
    }

    private static Map<String, Object> hubProperties(String keyset) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.shared().properties());
        properties.put("accesshub.token-encryption.keyset", keyset);
        properties.put("accesshub.signing.keyset", io.accesshub.adapter.persistence.crypto.SigningKeysets.generate());
        properties.put("accesshub.token-encryption.reencryption.enabled", "false");
        properties.put("accesshub.refresh.scheduler.enabled", "false");
        properties.put("accesshub.provisioning.scheduler.enabled", "false");
        properties.put("accesshub.webhooks.processing.enabled", "false");
        properties.put("accesshub.reconciliation.enabled", "false");
        return properties;
    }
}
