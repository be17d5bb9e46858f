package io.accesshub.adapter.persistence.crypto;

import java.util.Arrays;

/** A token ciphertext with the id of the keyset key that produced it. */
public record EncryptedToken(byte[] ciphertext, long keyId) {

    public EncryptedToken {
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedToken other && keyId == other.keyId && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ciphertext) + Long.hashCode(keyId);
    }

    @Override
    public String toString() {
        return "EncryptedToken[" + ciphertext.length + " bytes, key " + keyId + "]";
    }
}
