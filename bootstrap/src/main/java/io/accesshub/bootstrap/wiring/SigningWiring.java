package io.accesshub.bootstrap.wiring;

import io.accesshub.adapter.persistence.crypto.TinkSignedValues;
import io.accesshub.application.port.out.SignedValues;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hub's one signer ({@link SignedValues}): a Tink HMAC-SHA256 keyset shared by every instance, from
 * {@value #KEYSET} (env {@code ACCESSHUB_SIGNING_KEYSET}) or {@value #KEYSET_FILE} (env
 * {@code ACCESSHUB_SIGNING_KEYSET_FILE}). Built when the context starts: without a usable keyset the hub refuses to
 * start, with a message that never holds key material.
 */
@Factory
public class SigningWiring {

    /** Property holding the keyset JSON itself. */
    public static final String KEYSET = "accesshub.signing.keyset";
    /** Property naming a file that holds the keyset JSON. */
    public static final String KEYSET_FILE = "accesshub.signing.keyset-file";

    @Context
    SignedValues signedValues(@Value("${" + KEYSET + ":}") String keyset,
                              @Value("${" + KEYSET_FILE + ":}") String keysetFile) {
        if (!keyset.isBlank()) {
            return fromJson(keyset, KEYSET + " (ACCESSHUB_SIGNING_KEYSET)");
        }
        if (!keysetFile.isBlank()) {
            Path file = Path.of(keysetFile);
            try {
                return fromJson(Files.readString(file), "the signing keyset file " + file);
            } catch (IOException e) {
                throw new ConfigurationException("cannot read the signing keyset file " + file + " ("
                    + e.getClass().getSimpleName() + "), named by " + KEYSET_FILE + " (ACCESSHUB_SIGNING_KEYSET_FILE)");
            }
        }
        throw new ConfigurationException("no signing keyset configured: set ACCESSHUB_SIGNING_KEYSET (" + KEYSET
            + ", a Tink JSON keyset of HMAC-SHA256 keys) or ACCESSHUB_SIGNING_KEYSET_FILE (" + KEYSET_FILE
            + "); every instance needs the same keyset. It signs install cookies and install handles (README,"
            + " 'Configuration')");
    }

    private static SignedValues fromJson(String json, String source) {
        try {
            return TinkSignedValues.fromJsonKeyset(json);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(source + " is not a usable signing keyset: " + e.getMessage());
        }
    }
}
