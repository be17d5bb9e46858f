package io.accesshub.application.service;

import io.accesshub.application.port.out.SignedValues;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The install handle: the installation id and the install link's reference, signed for 24 hours. Self-contained, so
 * every instance resolves it and nothing is stored or purged; the reference inside is the one the hub was given,
 * whatever the browser did to the {@code accesshub_ref} beside it.
 */
final class InstallHandles {

    /** How long a handle resolves. */
    static final Duration LIFETIME = Duration.ofHours(24);
    static final String PURPOSE = "install-handle";
    /** References cannot contain control characters, so a line feed separates them from the id. */
    private static final char SEPARATOR = '\n';

    private InstallHandles() {
    }

    /** What a handle carries. */
    record Content(InstallationId installationId, Optional<InstallReference> ref) {
    }

    static String issue(SignedValues signer, InstallationId id, Optional<InstallReference> ref, Instant now) {
        String value = id + ref.map(r -> SEPARATOR + r.value()).orElse("");
        return signer.sign(PURPOSE, value, now.plus(LIFETIME));
    }

    static Optional<Content> read(SignedValues signer, String handle, Instant now) {
        return signer.verify(PURPOSE, handle, now).flatMap(InstallHandles::parse);
    }

    private static Optional<Content> parse(String value) {
        int separator = value.indexOf(SEPARATOR);
        try {
            InstallationId id = InstallationId.parse(separator < 0 ? value : value.substring(0, separator));
            Optional<InstallReference> ref = separator < 0 ? Optional.empty()
                : Optional.of(InstallReference.of(value.substring(separator + 1)));
            return Optional.of(new Content(id, ref));
        } catch (RuntimeException signedButNotAHandle) {
            return Optional.empty();
        }
    }
}
