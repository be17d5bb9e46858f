package io.accesshub.application.port.out;

/** Makes unguessable random values (OAuth states); adapters back it with a {@code SecureRandom}. */
public interface SecretGenerator {

    /** A new random, URL-safe value with at least 128 bits of entropy. */
    String newState();
}
