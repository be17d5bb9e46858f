package io.accesshub.adapter.persistence.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creation and rotation of the hub's signing keyset (HMAC-SHA256 with 256-bit tags, Tink's JSON format), which signs
 * install cookies and install handles; for demo mode, operators and tests. See {@link TinkSignedValues}.
 */
public final class SigningKeysets {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeysets.class);

    private SigningKeysets() {
    }

    static void register() throws GeneralSecurityException {
        try {
            MacConfig.register();
        } catch (LinkageError e) {
            throw new IllegalStateException("Tink cannot start: it needs com.google.protobuf:protobuf-java 4.x on the"
                    + " classpath, but the Micronaut BOM pins 3.25; manage protobuf-java 4.33.6 in the module that runs"
                    + " the hub", e);
        }
    }

    /** A new keyset holding one fresh HMAC-SHA256 key as primary. */
    public static String generate() {
        try {
            register();
            return serialize(KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a signing keyset", e);
        }
    }

    /**
     * The given keyset plus a fresh HMAC-SHA256 key that becomes primary; the old keys keep verifying what they
     * signed (an install cookie lives 15 minutes, a handle 24 hours), so they can be removed a day later.
     */
    public static String withNewPrimary(String keysetJson) {
        try {
            register();
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedMacParameters.HMAC_SHA256_256BITTAG)
                            .withRandomId().makePrimary())
                    .build();
            return serialize(rotated);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not rotate the signing keyset (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** The given keyset without the key {@code keyId}, which must not be the primary. */
    public static String without(String keysetJson, long keyId) {
        try {
            register();
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
            for (int i = 0; i < builder.size(); i++) {
                if (Integer.toUnsignedLong(current.getAt(i).getId()) == keyId) {
                    builder.removeAt(i);
                    return serialize(builder.build());
                }
            }
            throw new IllegalArgumentException("signing keyset holds no key " + keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not remove key " + keyId + " from the signing keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads the keyset stored in {@code file}, creating it with a fresh keyset (owner-only permissions where the
     * file system supports them) when it does not exist yet. Meant for demo mode on a developer machine.
     */
    public static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            String keyset = generate();
            Path temporary = Files.createTempFile(parent, ".signing-keyset", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("File system without POSIX permissions; keyset file keeps default permissions");
            }
            Files.writeString(temporary, keyset, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file);
            LOG.info("Created a new signing keyset in {}", file);
            return keyset;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the signing keyset file " + file, e);
        }
    }

    private static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }
}
