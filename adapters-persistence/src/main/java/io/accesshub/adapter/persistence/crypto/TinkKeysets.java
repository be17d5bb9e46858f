package io.accesshub.adapter.persistence.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creation and rotation of AES-256-GCM token keysets in Tink's JSON format, for demo mode, operators and tests. */
public final class TinkKeysets {

    private static final Logger LOG = LoggerFactory.getLogger(TinkKeysets.class);

    private TinkKeysets() {
    }

    static void register() throws GeneralSecurityException {
        try {
            AeadConfig.register();
        } catch (LinkageError e) {
            throw new IllegalStateException("Tink cannot start: it needs com.google.protobuf:protobuf-java 4.x on the"
                    + " classpath, but the Micronaut BOM pins 3.25; manage protobuf-java 4.33.6 in the module that runs"
                    + " the hub", e);
        }
    }

    /** A new keyset holding one fresh AES-256-GCM key as primary. */
    public static String generate() {
        try {
            register();
            return serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a token keyset", e);
        }
    }

    /** The given keyset plus a fresh AES-256-GCM key that becomes primary; the old keys stay for decryption. */
    public static String withNewPrimary(String keysetJson) {
        try {
            register();
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            return serialize(rotated);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not rotate the token keyset (" + e.getClass().getSimpleName()
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
            throw new IllegalArgumentException("token keyset holds no key " + keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not remove key " + keyId + " from the token keyset ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** One key of a keyset, without its material: what an operator needs to rotate and retire keys. */
    public record KeyInfo(long id, boolean primary, String status, byte[] ciphertextPrefix) {

        public KeyInfo {
            ciphertextPrefix = ciphertextPrefix.clone();
        }

        /** The bytes every ciphertext of this key starts with (Tink's 5-byte prefix); empty for a RAW key. */
        @Override
        public byte[] ciphertextPrefix() {
            return ciphertextPrefix.clone();
        }
    }

    /** The keys of a keyset, in keyset order; nothing secret. */
    public static List<KeyInfo> describe(String keysetJson) {
        try {
            register();
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            List<KeyInfo> keys = new ArrayList<>();
            for (int i = 0; i < keyset.size(); i++) {
                KeysetHandle.Entry entry = keyset.getAt(i);
                byte[] prefix = entry.getKey() instanceof AeadKey aead ? aead.getOutputPrefix().toByteArray()
                        : new byte[0];
                keys.add(new KeyInfo(Integer.toUnsignedLong(entry.getId()), entry.isPrimary(),
                        entry.getStatus().toString(), prefix));
            }
            return List.copyOf(keys);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid Tink JSON keyset (" + e.getClass().getSimpleName() + ")");
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
            Path temporary = Files.createTempFile(parent, ".keyset", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("File system without POSIX permissions; keyset file keeps default permissions");
            }
            Files.writeString(temporary, keyset, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file);
            LOG.info("Created a new token encryption keyset in {}", file);
            return keyset;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the token keyset file " + file, e);
        }
    }

    private static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }
}
