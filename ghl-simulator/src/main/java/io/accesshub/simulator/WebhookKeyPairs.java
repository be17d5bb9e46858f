package io.accesshub.simulator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Properties;

/**
 * The simulator's two webhook signing key pairs (Ed25519 for {@code X-GHL-Signature}, RSA for
 * {@code X-WH-Signature}): derived from a seed for reproducible tests, or random and kept in a file (demo mode), so
 * that nobody can derive the private keys a running hub trusts.
 *
 * @param ed25519 the Ed25519 pair
 * @param rsa     the RSA pair
 */
public record WebhookKeyPairs(KeyPair ed25519, KeyPair rsa) {

    private static final String ED25519_PRIVATE = "ed25519.private";
    private static final String ED25519_PUBLIC = "ed25519.public";
    private static final String RSA_PRIVATE = "rsa.private";
    private static final String RSA_PUBLIC = "rsa.public";

    public WebhookKeyPairs {
        Objects.requireNonNull(ed25519, "ed25519");
        Objects.requireNonNull(rsa, "rsa");
    }

    /** Fresh pairs from the system's secure random source. */
    public static WebhookKeyPairs random(int rsaBits) {
        return generate(new SecureRandom(), new SecureRandom(), rsaBits);
    }

    /** Pairs derived from {@code seed}: the same seed always gives the same keys (tests and benchmarks only). */
    static WebhookKeyPairs fromSeed(long seed, int rsaBits) {
        try {
            return generate(seededRandom(seed, 1), seededRandom(seed, 2), rsaBits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate webhook keys", e);
        }
    }

    /**
     * The pairs kept in {@code file}, created with random pairs (readable by the owner only, written atomically)
     * when the file does not exist yet.
     */
    public static WebhookKeyPairs loadOrCreate(Path file, int rsaBits) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            WebhookKeyPairs pairs = random(rsaBits);
            pairs.write(file);
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the simulator webhook key file " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the simulator webhook key file " + file + " is not readable ("
                + e.getClass().getSimpleName() + "); delete it to create new keys");
        }
    }

    /** The public halves, as the hub is configured with them. */
    public WebhookKeys publicKeys() {
        return new WebhookKeys(WebhookSigner.pem(ed25519.getPublic()), WebhookSigner.pem(rsa.getPublic()),
            ed25519.getPublic(), rsa.getPublic());
    }

    @Override
    public String toString() {
        return "WebhookKeyPairs[private keys redacted]";
    }

    private static WebhookKeyPairs generate(SecureRandom edRandom, SecureRandom rsaRandom, int rsaBits) {
        try {
            KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
            ed.initialize(255, edRandom);
            KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
            rsaGen.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), rsaRandom);
            return new WebhookKeyPairs(ed.generateKeyPair(), rsaGen.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate webhook keys", e);
        }
    }

    private static SecureRandom seededRandom(long seed, int purpose) throws GeneralSecurityException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(("ghl-simulator/" + purpose + "/" + seed).getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static WebhookKeyPairs read(Path file) throws IOException, GeneralSecurityException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        return new WebhookKeyPairs(pair(properties, "Ed25519", ED25519_PUBLIC, ED25519_PRIVATE),
            pair(properties, "RSA", RSA_PUBLIC, RSA_PRIVATE));
    }

    private static KeyPair pair(Properties properties, String algorithm, String publicName, String privateName)
            throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance(algorithm);
        return new KeyPair(
            factory.generatePublic(new X509EncodedKeySpec(decode(properties, publicName))),
            factory.generatePrivate(new PKCS8EncodedKeySpec(decode(properties, privateName))));
    }

    private static byte[] decode(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return Base64.getDecoder().decode(value.trim());
    }

    private void write(Path file) throws IOException {
        Properties properties = new Properties();
        Base64.Encoder base64 = Base64.getEncoder();
        properties.setProperty(ED25519_PUBLIC, base64.encodeToString(ed25519.getPublic().getEncoded()));
        properties.setProperty(ED25519_PRIVATE, base64.encodeToString(ed25519.getPrivate().getEncoded()));
        properties.setProperty(RSA_PUBLIC, base64.encodeToString(rsa.getPublic().getEncoded()));
        properties.setProperty(RSA_PRIVATE, base64.encodeToString(rsa.getPrivate().getEncoded()));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".simulator-keys", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the default permissions
            }
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1)) {
                properties.store(writer, "HighLevel simulator webhook signing keys (demo mode); keep private");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
