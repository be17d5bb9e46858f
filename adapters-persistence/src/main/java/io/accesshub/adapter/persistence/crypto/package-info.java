/** Encryption of tokens at rest with Google Tink AEAD, each ciphertext bound to its app, resource and token kind. */
package io.accesshub.adapter.persistence.crypto;
