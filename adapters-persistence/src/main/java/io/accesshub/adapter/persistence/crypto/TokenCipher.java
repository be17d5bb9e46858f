package io.accesshub.adapter.persistence.crypto;

/** Encrypts tokens before they are stored and decrypts them when loaded; never logs or reports plaintext. */
public interface TokenCipher {

    /** Encrypts with the primary key, binding the ciphertext to {@code binding}. */
    EncryptedToken encrypt(String plaintext, TokenBinding binding);

    /**
     * Decrypts with whichever key of the keyset produced the ciphertext.
     *
     * @throws TokenDecryptionException when the ciphertext is damaged, bound to something else or its key is gone
     */
    String decrypt(byte[] ciphertext, TokenBinding binding);

    /** Id of the key new ciphertexts are made with; rows with another key id are due for re-encryption. */
    long primaryKeyId();
}
