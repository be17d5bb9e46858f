package io.accesshub.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing scheme of <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>, as the hub signs its
 * lifecycle event deliveries: the signature is {@code v1,} followed by the base64 HMAC-SHA256 of
 * {@code "{webhook-id}.{webhook-timestamp}.{body}"} under the secret's key; during a secret rotation the header holds
 * one signature per secret, separated by spaces. Secrets are {@code whsec_} followed by the base64 key.
 */
public final class StandardWebhooks {

    /** The header with the delivery's id, the same on every retry of one delivery. */
    public static final String ID_HEADER = "webhook-id";
    /** The header with the time of the attempt, in Unix seconds. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The header with the signatures. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** The prefix of every secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private static final String VERSION = "v1";
    private static final int SECRET_BYTES = 32;

    private StandardWebhooks() {
    }

    /** A new random secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The signature ({@code v1,<base64>}) of a body with one secret. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return VERSION + "," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The {@code webhook-signature} header value: one signature per secret, separated by spaces. */
    public static String signatureHeader(List<String> secrets, String id, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a delivery is signed with at least one secret");
        }
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(sign(secret, id, timestamp, body));
        }
        return header.toString();
    }

    /** The key bytes of a {@code whsec_} secret (the prefix may be left out). */
    static byte[] key(String secret) {
        Objects.requireNonNull(secret, "secret");
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException("the secret holds no key");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a secret is whsec_ followed by base64", e);
        }
    }
}
