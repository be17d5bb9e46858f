package io.accesshub.adapter.persistence.relay;

import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps relay subscription signing secrets on the token keyset's primary key: re-encrypts the current and previous
 * secret of subscriptions made with an older key after a rotation, a batch at a time, so a retired key can be removed
 * once {@link #remaining()} reaches zero. There is no key-id column: a row is due when a ciphertext does not start with
 * the primary key's Tink prefix (see {@link io.accesshub.adapter.persistence.crypto.TinkKeysets.KeyInfo}). Due rows are
 * locked while they are rewritten, so a concurrent secret rotation waits and is never lost.
 */
@Singleton
public class RelaySecretReencryption {

    private static final String DUE = "SUBSTRING(secret_ciphertext, 1, 5) <> ?"
        + " OR (previous_secret_ciphertext IS NOT NULL AND SUBSTRING(previous_secret_ciphertext, 1, 5) <> ?)";

    private final JdbcOperations jdbc;
    private final TokenCipher cipher;

    RelaySecretReencryption(JdbcOperations jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Subscriptions with a current or previous secret encrypted with another key than the primary. */
    @Transactional
    public long remaining() {
        byte[] prefix = primaryPrefix();
        return jdbc.prepareStatement("SELECT COUNT(*) FROM relay_subscription WHERE " + DUE, ps -> {
            ps.setBytes(1, prefix);
            ps.setBytes(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Moves the secrets of up to {@code limit} subscriptions onto the primary key; returns how many were rewritten. */
    @Transactional
    public int reencryptBatch(int limit) {
        record Secrets(String id, byte[] current, byte[] previous) {
        }
        byte[] prefix = primaryPrefix();
        List<Secrets> due = jdbc.prepareStatement("SELECT id, secret_ciphertext, previous_secret_ciphertext"
            + " FROM relay_subscription WHERE " + DUE + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
                ps.setBytes(1, prefix);
                ps.setBytes(2, prefix);
                ps.setInt(3, limit);
                List<Secrets> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Secrets(rs.getString(1), rs.getBytes(2), rs.getBytes(3)));
                    }
                }
                return rows;
            });
        int moved = 0;
        for (Secrets secrets : due) {
            TokenBinding binding = TokenBinding.forRelaySecret(secrets.id());
            byte[] current = reencrypt(secrets.current(), binding);
            byte[] previous = secrets.previous() == null ? null : reencrypt(secrets.previous(), binding);
            moved += jdbc.prepareStatement("UPDATE relay_subscription SET secret_ciphertext = ?,"
                + " previous_secret_ciphertext = ? WHERE id = ?", ps -> {
                    ps.setBytes(1, current);
                    ps.setBytes(2, previous);
                    ps.setString(3, secrets.id());
                    return ps.executeUpdate();
                });
        }
        return moved;
    }

    private byte[] reencrypt(byte[] ciphertext, TokenBinding binding) {
        return cipher.encrypt(cipher.decrypt(ciphertext, binding), binding).ciphertext();
    }

    /** Tink's output prefix of the primary key (TINK prefix type): the version byte 0x01 and the big-endian key id. */
    private byte[] primaryPrefix() {
        return ByteBuffer.allocate(5).put((byte) 0x01).putInt((int) cipher.primaryKeyId()).array();
    }
}
