package io.accesshub.application.port.out;

/** Makes new API keys: at least 256 random bits, URL-safe; adapters back it with a {@code SecureRandom}. */
@FunctionalInterface
public interface ApiKeyGenerator {

    /** A new random key body (the hub adds its {@code ahk_} prefix). */
    String newKey();
}
