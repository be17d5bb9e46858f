package io.accesshub.adapter.persistence.crypto;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the {@link TokenCipher} from configuration: {@value #KEYSET} (a Tink JSON keyset, e.g. from the environment
 * variable {@code ACCESSHUB_TOKEN_ENCRYPTION_KEYSET}) or {@value #KEYSET_FILE} (a file holding one); with
 * {@value #CREATE_IF_MISSING} {@code true} a missing file is created with a fresh keyset (demo mode).
 */
@Factory
public class TokenCipherFactory {

    /** Property holding the keyset JSON itself. */
    public static final String KEYSET = "accesshub.token-encryption.keyset";
    /** Property naming a file that holds the keyset JSON. */
    public static final String KEYSET_FILE = "accesshub.token-encryption.keyset-file";
    /** Property allowing the keyset file to be created when missing (demo mode only). */
    public static final String CREATE_IF_MISSING = "accesshub.token-encryption.create-if-missing";

    @Singleton
    TokenCipher tokenCipher(@Value("${" + KEYSET + ":}") String keyset,
                            @Value("${" + KEYSET_FILE + ":}") String keysetFile,
                            @Value("${" + CREATE_IF_MISSING + ":false}") boolean createIfMissing) {
        if (!keyset.isBlank()) {
            return TinkTokenCipher.fromJsonKeyset(keyset);
        }
        if (!keysetFile.isBlank()) {
            Path file = Path.of(keysetFile);
            if (createIfMissing) {
                return TinkTokenCipher.fromJsonKeyset(TinkKeysets.loadOrCreate(file));
            }
            try {
                return TinkTokenCipher.fromJsonKeyset(Files.readString(file));
            } catch (IOException e) {
                throw new ConfigurationException("cannot read the token encryption keyset file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        throw new ConfigurationException("no token encryption keyset configured: set " + KEYSET
                + " (a Tink JSON keyset) or " + KEYSET_FILE);
    }
}
