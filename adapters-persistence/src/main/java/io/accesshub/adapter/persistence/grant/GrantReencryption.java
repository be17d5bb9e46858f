package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.crypto.EncryptedToken;
import io.accesshub.adapter.persistence.crypto.TokenBinding;
import io.accesshub.adapter.persistence.crypto.TokenCipher;
import io.accesshub.adapter.persistence.crypto.TokenKind;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves stored token ciphertexts to the keyset's primary key, a batch at a time, so that a retired key can be
 * removed from the keyset once {@link #remaining()} reaches zero. Each row is rewritten only if neither its version
 * nor its key changed since it was read, and its version is left as it is (the tokens did not change), so a
 * concurrent refresh always wins and never fails because of re-encryption.
 */
@Singleton
public class GrantReencryption {

    private static final Logger LOG = LoggerFactory.getLogger(GrantReencryption.class);

    private final GrantRowRepository rows;
    private final TokenCipher cipher;

    GrantReencryption(GrantRowRepository rows, TokenCipher cipher) {
        this.rows = rows;
        this.cipher = cipher;
    }

    /** Number of grants whose tokens are encrypted with another key than the primary. */
    public long remaining() {
        return rows.countNotEncryptedWith(cipher.primaryKeyId());
    }

    /**
     * Re-encrypts up to {@code limit} grants not yet on the primary key.
     *
     * @return how many grants were rewritten (rows changed concurrently are skipped and picked up next time)
     */
    public int reencryptBatch(int limit) {
        long primary = cipher.primaryKeyId();
        int rewritten = 0;
        for (GrantRow row : rows.findNotEncryptedWith(primary, limit)) {
            TokenBinding access = new TokenBinding(row.appId(), row.companyId(), row.locationKey(), TokenKind.ACCESS);
            TokenBinding refresh =
                    new TokenBinding(row.appId(), row.companyId(), row.locationKey(), TokenKind.REFRESH);
            EncryptedToken newAccess = cipher.encrypt(cipher.decrypt(row.accessTokenCiphertext(), access), access);
            byte[] newRefresh = row.refreshTokenCiphertext() == null ? null
                    : cipher.encrypt(cipher.decrypt(row.refreshTokenCiphertext(), refresh), refresh).ciphertext();
            rewritten += rows.replaceCiphertexts(row.installationId(), row.version(), row.encryptionKeyId(),
                    newAccess.keyId(), newAccess.ciphertext(), newRefresh);
        }
        if (rewritten > 0) {
            LOG.info("Re-encrypted the tokens of {} grants with key {}", rewritten, primary);
        }
        return rewritten;
    }
}
