package io.accesshub.adapter.http.webhook;

import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Verifies HighLevel's webhook signatures over the exact request bytes: {@code X-GHL-Signature} (Ed25519, with
 * BouncyCastle's fast verifier) against every configured key, and — only when enabled — the legacy
 * {@code X-WH-Signature} (RSA-SHA256). A missing signature or the literal {@code N/A} never verifies.
 */
@Singleton
public final class WebhookSignatureVerifier {

    private final List<Ed25519PublicKeyParameters> ed25519Keys;
    private final List<PublicKey> rsaKeys;
    private final boolean rsaEnabled;

    public WebhookSignatureVerifier(WebhookConfiguration configuration) {
        this.ed25519Keys = configuration.getEd25519PublicKeys().stream().map(WebhookSignatureVerifier::ed25519)
            .toList();
        this.rsaKeys = configuration.getRsaPublicKeys().stream().map(WebhookSignatureVerifier::rsa).toList();
        this.rsaEnabled = configuration.isRsaEnabled();
    }

    /** Whether the body is signed by a configured key under an accepted scheme. */
    public boolean verifies(byte[] body, Optional<String> ed25519Signature, Optional<String> rsaSignature) {
        Optional<byte[]> ed = decode(ed25519Signature);
        if (ed.isPresent()) {
            return ed.get().length == Ed25519PublicKeyParameters.KEY_SIZE * 2 && verifiesEd25519(body, ed.get());
        }
        Optional<byte[]> rsa = decode(rsaSignature);
        return rsaEnabled && rsa.isPresent() && verifiesRsa(body, rsa.get());
    }

    private boolean verifiesEd25519(byte[] body, byte[] signature) {
        for (Ed25519PublicKeyParameters key : ed25519Keys) {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(body, 0, body.length);
            if (verifier.verifySignature(signature)) {
                return true;
            }
        }
        return false;
    }

    private boolean verifiesRsa(byte[] body, byte[] signature) {
        for (PublicKey key : rsaKeys) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(body);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException invalid) {
                // a malformed signature does not verify against this key
            }
        }
        return false;
    }

    private static Optional<byte[]> decode(Optional<String> header) {
        return header.map(String::trim).filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("N/A")).flatMap(v -> {
            try {
                return Optional.of(Base64.getDecoder().decode(v));
            } catch (IllegalArgumentException notBase64) {
                return Optional.of(new byte[0]);
            }
        });
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static Ed25519PublicKeyParameters ed25519(String pem) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(der(pem));
            if (key instanceof Ed25519PublicKeyParameters ed) {
                return ed;
            }
            throw new IllegalStateException("accesshub.webhooks.ed25519-public-keys holds a key that is not Ed25519");
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("accesshub.webhooks.ed25519-public-keys holds an unreadable key", e);
        }
    }

    private static PublicKey rsa(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("accesshub.webhooks.rsa-public-keys holds an unreadable key", e);
        }
    }
}
