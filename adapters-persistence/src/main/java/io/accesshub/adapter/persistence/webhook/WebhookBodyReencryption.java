package io.accesshub.adapter.persistence.webhook;

import io.accesshub.adapter.persistence.crypto.EncryptedToken;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps stored webhook bodies on the token keyset's primary key: encrypts bodies stored in plaintext before bodies
 * were encrypted, and re-encrypts those made with an older key after a rotation, a batch at a time, so a retired key
 * can be removed once {@link #remaining()} reaches zero. A row is rewritten only while it still holds what was read.
 */
@Singleton
public class WebhookBodyReencryption {

    private final JdbcOperations jdbc;
    private final TokenCipher cipher;

    WebhookBodyReencryption(JdbcOperations jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Stored bodies in plaintext or encrypted with another key than the primary. */
    @Transactional
    public long remaining() {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM webhook_inbox WHERE body IS NOT NULL"
            + " OR (body_ciphertext IS NOT NULL AND body_key_id <> ?)", ps -> {
                ps.setLong(1, cipher.primaryKeyId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
    }

    /** Encrypts up to {@code limit} bodies onto the primary key; returns how many rows were rewritten. */
    @Transactional
    public int reencryptBatch(int limit) {
        record Body(long id, String webhookId, String plaintext, byte[] ciphertext) {
        }
        List<Body> due = jdbc.prepareStatement("SELECT id, webhook_id, body, body_ciphertext FROM webhook_inbox"
            + " WHERE body IS NOT NULL OR (body_ciphertext IS NOT NULL AND body_key_id <> ?)"
            + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
                ps.setLong(1, cipher.primaryKeyId());
                ps.setInt(2, limit);
                List<Body> bodies = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bodies.add(new Body(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                    }
                }
                return bodies;
            });
        int moved = 0;
        for (Body body : due) {
            TokenBinding binding = TokenBinding.forWebhookBody(body.webhookId());
            String plaintext = body.ciphertext() != null ? cipher.decrypt(body.ciphertext(), binding)
                : body.plaintext();
            EncryptedToken encrypted = cipher.encrypt(plaintext, binding);
            moved += jdbc.prepareStatement("UPDATE webhook_inbox SET body = NULL, body_ciphertext = ?,"
                + " body_key_id = ? WHERE id = ?", ps -> {
                    ps.setBytes(1, encrypted.ciphertext());
                    ps.setLong(2, encrypted.keyId());
                    ps.setLong(3, body.id());
                    return ps.executeUpdate();
                });
        }
        return moved;
    }
}
