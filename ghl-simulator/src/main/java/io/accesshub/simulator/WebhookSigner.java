package io.accesshub.simulator;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The simulator's webhook key pairs (derived from the seed, so the same seed gives the same keys) and signing. */
final class WebhookSigner {

    private static final Map<String, KeyPair[]> CACHE = new ConcurrentHashMap<>();

    private final KeyPair ed25519;
    private final KeyPair rsa;

    WebhookSigner(long seed, int rsaBits) {
        KeyPair[] pairs = CACHE.computeIfAbsent(seed + "/" + rsaBits, k -> generate(seed, rsaBits));
        this.ed25519 = pairs[0];
        this.rsa = pairs[1];
    }

    private static KeyPair[] generate(long seed, int rsaBits) {
        try {
            KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
            ed.initialize(255, seededRandom(seed, 1));
            KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
            rsaGen.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), seededRandom(seed, 2));
            return new KeyPair[] {ed.generateKeyPair(), rsaGen.generateKeyPair()};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate webhook keys", e);
        }
    }

    private static SecureRandom seededRandom(long seed, int purpose) throws GeneralSecurityException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(("ghl-simulator/" + purpose + "/" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return r;
    }

    String signEd25519(byte[] body) {
        return sign("Ed25519", ed25519.getPrivate(), body);
    }

    String signRsa(byte[] body) {
        return sign("SHA256withRSA", rsa.getPrivate(), body);
    }

    private static String sign(String algorithm, PrivateKey key, byte[] body) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(body);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign webhook", e);
        }
    }

    WebhookKeys keys() {
        return new WebhookKeys(pem(ed25519.getPublic()), pem(rsa.getPublic()), ed25519.getPublic(), rsa.getPublic());
    }

    static String pem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }
}
