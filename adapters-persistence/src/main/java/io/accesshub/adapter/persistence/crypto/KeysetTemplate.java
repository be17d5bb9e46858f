package io.accesshub.adapter.persistence.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of the hub's Tink keysets in Tink's JSON format: new keysets, rotation to a fresh primary, removal of a key
 * and the keyset file demo mode creates, all for keys of one template. {@link TinkKeysets} (token encryption) and
 * {@link SigningKeysets} (signing) are its two kinds; messages name the kind and never contain key material.
 */
final class KeysetTemplate {

    /** Registers the Tink primitive of the keyset's keys (e.g. {@code AeadConfig::register}). */
    @FunctionalInterface
    interface Registration {
        void register() throws GeneralSecurityException;
    }

    private final String kind;
    private final String fileDescription;
    private final String temporaryPrefix;
    private final Parameters template;
    private final Registration registration;
    private final Logger log;

    /**
     * @param kind            how messages name the keyset ({@code "token"}: "the token keyset")
     * @param fileDescription how the log line about a created file names the keyset
     * @param temporaryPrefix the prefix of the temporary file a new keyset file is written through
     * @param template        the parameters of every key this kind generates
     * @param registration    registers the primitive of those keys with Tink
     * @param owner           the class whose logger reports created files
     */
    KeysetTemplate(String kind, String fileDescription, String temporaryPrefix, Parameters template,
                   Registration registration, Class<?> owner) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.fileDescription = Objects.requireNonNull(fileDescription, "fileDescription");
        this.temporaryPrefix = Objects.requireNonNull(temporaryPrefix, "temporaryPrefix");
        this.template = Objects.requireNonNull(template, "template");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.log = LoggerFactory.getLogger(owner);
    }

    void register() throws GeneralSecurityException {
        try {
            registration.register();
        } catch (LinkageError e) {
            throw new IllegalStateException("Tink cannot start: it needs com.google.protobuf:protobuf-java 4.x on the"
                    + " classpath, but the Micronaut BOM pins 3.25; manage protobuf-java 4.33.6 in the module that runs"
                    + " the hub", e);
        }
    }

    /** A new keyset holding one fresh key of the template as primary. */
    String generate() {
        try {
            register();
            return serialize(KeysetHandle.generateNew(template));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a " + kind + " keyset", e);
        }
    }

    /** The given keyset plus a fresh key of the template that becomes primary; the old keys stay. */
    String withNewPrimary(String keysetJson) {
        try {
            register();
            KeysetHandle current = parse(keysetJson);
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(template).withRandomId().makePrimary())
                    .build();
            return serialize(rotated);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not rotate the " + kind + " keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The given keyset without the key {@code keyId}, which must not be the primary. */
    String without(String keysetJson, long keyId) {
        try {
            register();
            KeysetHandle current = parse(keysetJson);
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
            for (int i = 0; i < builder.size(); i++) {
                if (Integer.toUnsignedLong(current.getAt(i).getId()) == keyId) {
                    builder.removeAt(i);
                    return serialize(builder.build());
                }
            }
            throw new IllegalArgumentException(kind + " keyset holds no key " + keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not remove key " + keyId + " from the " + kind + " keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads the keyset stored in {@code file}, creating it with a fresh keyset (owner-only permissions where the
     * file system supports them) when it does not exist yet. Meant for demo mode on a developer machine.
     */
    String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            String keyset = generate();
            Path temporary = Files.createTempFile(parent, temporaryPrefix, ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("File system without POSIX permissions; keyset file keeps default permissions");
            }
            Files.writeString(temporary, keyset, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file);
            log.info("Created a new {} in {}", fileDescription, file);
            return keyset;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the " + kind + " keyset file " + file, e);
        }
    }

    static KeysetHandle parse(String keysetJson) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
    }

    private static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }
}
