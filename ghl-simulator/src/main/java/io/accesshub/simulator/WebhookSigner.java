package io.accesshub.simulator;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Signing with the simulator's webhook key pairs: given ones, or derived from the seed (same seed, same keys). */
final class WebhookSigner {

    private static final Map<String, WebhookKeyPairs> CACHE = new ConcurrentHashMap<>();

    private final KeyPair ed25519;
    private final KeyPair rsa;

    WebhookSigner(long seed, int rsaBits) {
        this(CACHE.computeIfAbsent(seed + "/" + rsaBits, k -> WebhookKeyPairs.fromSeed(seed, rsaBits)));
    }

    WebhookSigner(WebhookKeyPairs pairs) {
        this.ed25519 = pairs.ed25519();
        this.rsa = pairs.rsa();
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
