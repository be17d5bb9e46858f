package io.accesshub.adapter.persistence.crypto;

/** Which of a grant's two tokens a ciphertext holds; part of the associated data. */
public enum TokenKind {
    ACCESS,
    REFRESH
}
