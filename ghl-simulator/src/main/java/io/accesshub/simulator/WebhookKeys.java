package io.accesshub.simulator;

import java.security.PublicKey;

/**
 * The simulator's webhook signing public keys (X.509 SubjectPublicKeyInfo), as PEM and as JDK keys.
 *
 * @param ed25519Pem PEM of the Ed25519 key behind {@code X-GHL-Signature}
 * @param rsaPem     PEM of the RSA key behind {@code X-WH-Signature}
 * @param ed25519    the Ed25519 key
 * @param rsa        the RSA key
 */
public record WebhookKeys(String ed25519Pem, String rsaPem, PublicKey ed25519, PublicKey rsa) {
}
