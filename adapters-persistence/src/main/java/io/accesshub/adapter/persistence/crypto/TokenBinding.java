package io.accesshub.adapter.persistence.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a token ciphertext is bound to: app, company, location (empty for a company grant) and token kind. Used as
 * AEAD associated data, so a ciphertext copied into another row or column fails to decrypt.
 */
public record TokenBinding(String appId, String companyId, String locationKey, TokenKind kind) {

    private static final byte[] DOMAIN = "accesshub/token/v1".getBytes(StandardCharsets.UTF_8);

    public TokenBinding {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationKey, "locationKey");
        Objects.requireNonNull(kind, "kind");
    }

    /** The binding of a stored webhook's body: its {@code webhookId}, so a body copied into another row fails. */
    public static TokenBinding forWebhookBody(String webhookId) {
        return new TokenBinding("", "", webhookId, TokenKind.WEBHOOK_BODY);
    }

    /**
     * The binding of a relay subscription's signing secret: its {@code subscriptionId}, so a secret copied into
     * another subscription's row fails.
     */
    public static TokenBinding forRelaySecret(String subscriptionId) {
        return new TokenBinding("", "", subscriptionId, TokenKind.RELAY_SECRET);
    }

    /** Unambiguous encoding: every part length-prefixed, after a version tag. */
    byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {DOMAIN, bytes(appId), bytes(companyId), bytes(locationKey),
                bytes(kind.name())}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return appId + "/" + companyId + (locationKey.isEmpty() ? "" : "/" + locationKey) + " " + kind;
    }
}
