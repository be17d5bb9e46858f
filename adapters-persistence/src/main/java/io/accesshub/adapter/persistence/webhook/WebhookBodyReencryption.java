package io.accesshub.adapter.persistence.webhook;

import io.accesshub.adapter.persistence.crypto.EncryptedToken;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.adapter.persistence.crypto.TokenDecryptionException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps stored webhook bodies on the token keyset's primary key: encrypts bodies stored in plaintext before bodies
 * were encrypted, and re-encrypts those made with an older key after a rotation, a batch at a time, so a retired key
 * can be removed once {@link #remaining()} reaches zero. A row is rewritten only while it still holds what was read.
 */
@Singleton
public class WebhookBodyReencryption {

    /**
     * Rows holding a body in plaintext or under another key than the primary: only PENDING and DEAD rows keep a body
     * (a processed one has none), so the filter reads them through {@code ix_webhook_inbox_due}, never the DONE rows.
     */
    private static final Logger LOG = LoggerFactory.getLogger(WebhookBodyReencryption.class);

    private static final String NOT_ON_PRIMARY = "status IN ('PENDING', 'DEAD')"
        + " AND (body IS NOT NULL OR (body_ciphertext IS NOT NULL AND body_key_id <> ?))";

    private final JdbcOperations jdbc;
    private final TokenCipher cipher;

    WebhookBodyReencryption(JdbcOperations jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Stored bodies in plaintext or encrypted with another key than the primary. */
    @Transactional
    public long remaining() {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM webhook_inbox WHERE " + NOT_ON_PRIMARY, ps -> {
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
            // in ix_webhook_inbox_due's order, so that the index (not a walk of the primary key past every processed
            // row, each locked as it is read) serves the pass however small the table
            + " WHERE " + NOT_ON_PRIMARY + " ORDER BY status, next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
            ps -> {
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
            String plaintext;
            try {
                plaintext = body.ciphertext() != null ? cipher.decrypt(body.ciphertext(), binding) : body.plaintext();
            } catch (TokenDecryptionException unreadable) {
                // a body no key of the keyset opens (the inbox parks such events as DEAD): left as it is, so it never
                // holds the other rows of the batch back
                LOG.warn("Webhook body of inbox row {} cannot be decrypted with the keyset; left as it is", body.id());
                continue;
            }
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
