package io.accesshub.adapter.persistence.crypto;

/** A stored token could not be decrypted; the message names the binding, never any token or key material. */
public final class TokenDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenDecryptionException(TokenBinding binding, Throwable cause) {
        super("stored " + binding + " token could not be decrypted (wrong key, wrong row or damaged ciphertext)",
                cause);
    }
}
